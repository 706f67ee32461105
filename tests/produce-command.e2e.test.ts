import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { LogRecord } from "../core/ports/event-log.ts";
import { createFileEventLog } from "../infra/embedded/event-log/index.ts";
import { readAll } from "../infra/embedded/event-log/test-helpers.ts";
import { TOPICS } from "../schemas/topics.ts";
import { validateEvent } from "../schemas/validate-event.ts";
import { runRecsys, startRecsys } from "./support/recsys-cli.ts";

const USERS = 30;
const PER_USER = 12;
const FIRST_SECOND = 1_000_000_000;

/** An ml-latest folder listed by user (as MovieLens is) whose users' times interleave, so order matters. */
async function writeFixture(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "movies.csv"), "movieId,title,genres\n1,A (2000),Comedy\n2,B (2001),Drama\n");
  const lines = ["userId,movieId,rating,timestamp"];
  for (let u = 1; u <= USERS; u++) {
    for (let i = 0; i < PER_USER; i++) {
      // Every third user rates two items in the same second, which the item id then orders.
      const second = FIRST_SECOND + i * 600 + u * 7 - (u % 3 === 0 && i % 2 === 1 ? 600 : 0);
      lines.push(`${u},${(u * 5 + i * 11) % 50},${1 + ((u + i) % 9) / 2},${second}`);
    }
  }
  await writeFile(join(dir, "ratings.csv"), `${lines.join("\n")}\n`);
}

function summaryOf(stdout: string): { events: number; ratings: number; clicks: number } {
  const match = /produced (\d+) events \((\d+) ratings, (\d+) clicks\) in [\d.]+ s, \d+ events\/s/.exec(
    stdout,
  );
  assert.ok(match, `no summary in:\n${stdout}`);
  return { events: Number(match[1]), ratings: Number(match[2]), clicks: Number(match[3]) };
}

async function readLog(stateDir: string): Promise<Map<string, LogRecord[]>> {
  const log = await createFileEventLog({ dir: join(stateDir, "log") });
  try {
    const byTopic = new Map<string, LogRecord[]>();
    for (const topic of [TOPICS.ratings, TOPICS.clicks]) byTopic.set(topic, await readAll(log, topic));
    return byTopic;
  } finally {
    await log.close();
  }
}

/** Each record is a valid event keyed by its user, and each user's times never go back in a partition. */
function checkRecords(records: readonly LogRecord[], type: string): void {
  const lastTime = new Map<string, number>();
  for (const record of records) {
    const event = JSON.parse(record.value ?? "null");
    const checked = validateEvent(event, { now: Date.now() });
    assert.ok(checked.ok, `invalid ${record.value}: ${JSON.stringify(checked)}`);
    assert.equal(event.type, type);
    assert.equal(record.key, event.userId);
    const seen = `${record.partition}/${event.userId}`;
    assert.ok(event.timestamp >= (lastTime.get(seen) ?? 0), `${event.eventId} goes back in time`);
    lastTime.set(seen, event.timestamp);
  }
}

describe("recsys produce", async () => {
  const root = await mkdtemp(join(tmpdir(), "starling-produce-"));
  const data = join(root, "data");
  const envFor = (name: string) => ({ RECSYS_STATE_DIR: join(root, name), RECSYS_LOG_LEVEL: "warn" });
  before(() => writeFixture(data));
  after(() => rm(root, { recursive: true, force: true }));

  it("replays 200 events with clicks into the file event log, in time order per user", async () => {
    const env = envFor("limit");
    const run = await runRecsys(["produce", "--data", data, "--limit", "200", "--clicks", "0.5"], env);
    assert.equal(run.code, 0, run.stderr);
    const summary = summaryOf(run.stdout);
    assert.equal(summary.events, 200);
    assert.ok(summary.clicks > 40 && summary.clicks < 100, `${summary.clicks} clicks`);
    const log = await readLog(env.RECSYS_STATE_DIR);
    const ratings = log.get(TOPICS.ratings) ?? [];
    const clicks = log.get(TOPICS.clicks) ?? [];
    assert.equal(ratings.length, summary.ratings);
    assert.equal(clicks.length, summary.clicks);
    checkRecords(ratings, "rating");
    checkRecords(clicks, "click");
    const ids = [...ratings, ...clicks].map((r) => JSON.parse(r.value ?? "{}").eventId);
    assert.equal(new Set(ids).size, 200);
  });

  it("reads the ml-100k format too", async () => {
    const env = envFor("ml-100k");
    const run = await runRecsys(["produce", "--data", "offline/data/fixtures/ml-100k"], env);
    assert.equal(run.code, 0, run.stderr);
    const summary = summaryOf(run.stdout);
    assert.ok(summary.ratings > 0);
    assert.equal((await readLog(env.RECSYS_STATE_DIR)).get(TOPICS.ratings)?.length, summary.ratings);
  });

  it("stops on SIGINT after the chunks in flight and still prints the summary", async () => {
    const env = envFor("sigint");
    const running = startRecsys(["produce", "--data", data, "--rate", "20"], env);
    await running.waitForOutput(/produce: \d+/, 30_000);
    running.child.kill("SIGINT");
    assert.equal(await running.exited(), 0, running.output());
    const summary = summaryOf(running.stdout());
    assert.ok(summary.ratings > 0 && summary.ratings < USERS * PER_USER, running.stdout());
    assert.match(running.stdout(), /stopped early/);
    assert.equal((await readLog(env.RECSYS_STATE_DIR)).get(TOPICS.ratings)?.length, summary.ratings);
  });

  it("rejects contradictory flags with exit code 2 and a missing folder with a hint", async () => {
    const flags = await runRecsys(
      ["produce", "--data", data, "--rate", "5", "--speedup", "2"],
      envFor("flags"),
    );
    assert.equal(flags.code, 2);
    assert.match(flags.stderr, /--rate and --speedup cannot be used together/);
    const missing = await runRecsys(["produce", "--data", join(root, "nowhere")], envFor("missing"));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /RECSYS_DATA_DIR/);
    assert.match(missing.stderr, /pass --data/);
  });
});
