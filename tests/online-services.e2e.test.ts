import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { waitFor } from "../core/ports/contracts/wait-for.ts";
import { deleteKeysWithPrefix } from "../infra/redis/delete-keys-with-prefix.ts";
import { allServices } from "./support/all-services.ts";
import { dropNamespace } from "./support/drop-namespace.ts";
import { FAST_OFFLINE_ENV } from "./support/fast-offline-env.ts";
import { movieLensSubset } from "./support/movielens-subset.ts";
import { type PauseProxy, startPauseProxy } from "./support/nearline-pause-proxy.ts";
import { testNamespace } from "./support/real-services.ts";
import { type RunningCli, runRecsys, startRecsys } from "./support/recsys-cli.ts";
import { servicesEnv } from "./support/services-env.ts";
import { sharedDataDir } from "./support/shared-data.ts";

const services = await allServices();
const skip = "skip" in services ? services.skip : false;
const endpoints = "endpoints" in services ? services.endpoints : undefined;

const USERS = 120;

interface Answer {
  status: number;
  ms: number;
  body: { coldStart: boolean; degraded: boolean; degradedReasons: string[]; items: { itemId: string }[] };
}

async function recommend(url: string, userId: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/users/${userId}/recommendations?k=10`);
  const body = (await response.json()) as Answer["body"];
  return { status: response.status, ms: performance.now() - started, body };
}

/** Fresh users each round, so neither the response cache nor L1 answers for them. */
let nextUser = 1;
const someUsers = (n: number) =>
  Array.from({ length: n }, () => {
    const id = ((nextUser++ - 1) % USERS) + 1;
    return String(id);
  });

/** The worker pids of a `recsys online --workers N` primary. */
function workerPids(primary: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(primary)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * The online tier as its own processes (`recsys online --workers 2`) on Kafka, Redis, Cassandra and MySQL, each
 * store reached through a relay that can hold its traffic: with any one of them unresponsive, every read still
 * answers 200 within its budget, marked degraded; a killed worker is replaced.
 */
describe("recsys online on the real services, with each store paused in turn", { skip }, () => {
  const namespace = testNamespace("onl");
  const dataDir = movieLensSubset(sharedDataDir(), USERS);
  const relays: Record<string, PauseProxy> = {};
  let online: RunningCli | undefined;
  let url = "";

  before(async () => {
    if (!endpoints) return;
    const env: Record<string, string> = {
      ...servicesEnv(endpoints, namespace),
      RECSYS_NAMESPACE: namespace,
      RECSYS_LOG_LEVEL: "warn",
    };
    const trained = await runRecsys(
      ["offline", "train", "--data", dataDir],
      { ...env, ...FAST_OFFLINE_ENV, RECSYS_OFFLINE_HOT_USERS: "20" },
      600_000,
    );
    assert.equal(trained.code, 0, `${trained.stdout}\n${trained.stderr}`);
    const target = endpoints.cassandra.contactPoints[0] as string;
    relays.cache = await startPauseProxy(endpoints.redis.url);
    relays.bulk = await startPauseProxy(`cql://${target.includes(":") ? target : `${target}:9042`}`);
    relays.control = await startPauseProxy(endpoints.mysql.url);
    const bulkUrl = new URL(env.RECSYS_BULK_URL as string);
    bulkUrl.host = new URL(relays.bulk.url).host;
    const controlUrl = new URL(env.RECSYS_CONTROL_URL as string);
    controlUrl.host = new URL(relays.control.url).host;
    online = startRecsys(["online", "--workers", "2"], {
      ...env,
      RECSYS_CACHE_URL: relays.cache.url,
      RECSYS_CACHE_COMMAND_TIMEOUT_MS: "50",
      RECSYS_BULK_URL: bulkUrl.toString(),
      RECSYS_CONTROL_URL: controlUrl.toString(),
      RECSYS_HTTP_PORT: "0",
      // Breakers reopen quickly, so each pause's recovery shows within the test.
      RECSYS_ONLINE_BREAKER_RESET_MS: "1000",
      RECSYS_ONLINE_RESPONSE_CACHE_TTL_MS: "0",
    });
    await online.waitForOutput(/serving on http/, 120_000);
    url = /serving on (http:\/\/[^\s(]+)/.exec(online.output())?.[1] as string;
  });

  after(async () => {
    if (online && online.child.exitCode === null) online.child.kill("SIGTERM");
    await online?.exited();
    await Promise.all(Object.values(relays).map((relay) => relay.close()));
    rmSync(dataDir, { recursive: true, force: true });
    if (endpoints) {
      await deleteKeysWithPrefix(endpoints.redis.url, `${namespace}:`);
      await dropNamespace(namespace, endpoints.cassandra, endpoints.mysql);
    }
  });

  it("serves ranked lists for known users and cold-start lists for unknown ones", async () => {
    if (!endpoints) return;
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200, await ready.clone().text());
    for (const userId of someUsers(5)) {
      // A user's first request may outrun a cold Cassandra read (answered degraded, the read goes on in the
      // background and fills Redis); the next ones are whole.
      let answer = await recommend(url, userId);
      await waitFor(
        async () => {
          answer = await recommend(url, userId);
          return !answer.body.degraded;
        },
        { timeoutMs: 10_000, intervalMs: 200, message: `a whole answer for user ${userId}` },
      );
      assert.equal(answer.status, 200);
      assert.equal(answer.body.coldStart, false, `user ${userId}`);
      assert.equal(answer.body.items.length, 10);
    }
    const stranger = await recommend(url, "no-such-user");
    assert.equal(stranger.status, 200);
    assert.equal(stranger.body.coldStart, true);
  });

  for (const store of ["cache", "bulk", "control"] as const) {
    it(`answers 200 within budget while the ${store} store is paused, then recovers`, async () => {
      if (!endpoints) return;
      const relay = relays[store] as PauseProxy;
      const pausing = relay.pause(4000);
      // Let the pause take hold before measuring.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const answers: Answer[] = [];
      for (let round = 0; round < 4; round++) {
        answers.push(...(await Promise.all(someUsers(5).map((userId) => recommend(url, userId)))));
      }
      for (const answer of answers) {
        assert.equal(answer.status, 200);
        assert.equal(answer.body.items.length, 10);
        assert.ok(
          answer.ms < 1000,
          `an answer took ${answer.ms.toFixed(0)} ms with the ${store} store paused`,
        );
      }
      if (store !== "control") {
        // Control data is read in the background (last-known-good), so a paused MySQL need not degrade answers.
        const degraded = answers.filter((a) => a.body.degradedReasons.some((r) => r.startsWith(`${store}:`)));
        assert.ok(degraded.length > 0, `some answers name the ${store} store as degraded`);
      }
      await pausing;
      await waitFor(
        async () => {
          const answer = await recommend(url, someUsers(1)[0] as string);
          return answer.status === 200 && !answer.body.degraded;
        },
        { timeoutMs: 15_000, intervalMs: 250, message: `answers are whole again after the ${store} pause` },
      );
    });
  }

  it("replaces a worker killed with SIGKILL, and keeps answering meanwhile", async () => {
    if (!endpoints || !online?.child.pid) return;
    const primary = online.child.pid;
    const before = workerPids(primary);
    assert.equal(before.length, 2, `two workers under the primary, found ${before.join(",")}`);
    process.kill(before[0] as number, "SIGKILL");
    // A pooled connection to the killed worker is lost with it; a client retries a GET on a new one.
    const answer = await recommend(url, "1").catch(() => recommend(url, "1"));
    assert.equal(answer.status, 200);
    await waitFor(
      () => {
        const now = workerPids(primary);
        return now.length === 2 && !now.includes(before[0] as number);
      },
      { timeoutMs: 60_000, intervalMs: 200, message: "a new worker replaces the killed one" },
    );
    await online.waitForOutput(/serving on http[\s\S]*serving on http[\s\S]*serving on http/, 60_000);
    assert.equal((await recommend(url, "2")).status, 200);
  });
});
