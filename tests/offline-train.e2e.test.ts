import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { systemClock } from "../core/clock.ts";
import { loadConfig } from "../core/config/index.ts";
import { silentLogger } from "../core/logger.ts";
import { createStoreAdapters } from "../infra/create-adapters.ts";
import { FAST_OFFLINE_ENV } from "./support/fast-offline-env.ts";
import { readPublishedVersion } from "./support/published-version.ts";
import { runRecsys, startRecsys } from "./support/recsys-cli.ts";
import { sharedDataDir } from "./support/shared-data.ts";

const TABLE_ROW = /^\| (popularity|item2vec-mean|item2vec-last|deepwalk|node2vec|als|ranker) \| 0\.\d{4} \|/m;

describe("recsys offline on the embedded profile", async () => {
  const stateDir = await mkdtemp(join(tmpdir(), "starling-offline-e2e-"));
  // One thread trains the same model every run, so the promotion gate always lets the next run through.
  const env = {
    ...FAST_OFFLINE_ENV,
    RECSYS_STATE_DIR: stateDir,
    RECSYS_LOG_LEVEL: "warn",
    RECSYS_OFFLINE_ITEM2VEC_THREADS: "1",
  };
  after(() => rm(stateDir, { recursive: true, force: true }));

  it("trains on ml-latest-small and publishes a version a reader finds through the ports", async () => {
    const run = await runRecsys(["offline", "train", "--data", sharedDataDir()], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, TABLE_ROW);
    const published = /published (v\S+)/.exec(run.stdout)?.[1];
    assert.ok(published, run.stdout);
    assert.match(run.stderr, /^[a-z0-9 ()-]+: [\d,]+(\/[\d,]+)? [a-z]+/m, "progress lines on stderr");
    const stores = await createStoreAdapters(loadConfig(env), { clock: systemClock, logger: silentLogger });
    try {
      // The embedded cache lives in the training process's memory, so this reader checks the durable stores.
      const { bulk, control } = stores;
      const version = await readPublishedVersion(
        { bulk, control },
        { itemId: "318", userId: "1", dimension: 64 },
      );
      assert.equal(version, published);
    } finally {
      await stores.close();
    }
    const files = join(stateDir, "artifacts");
    assert.equal(readFileSync(join(files, "ACTIVE"), "utf8").trim(), published);
    const header = readFileSync(join(files, published, "item2vec.vec"), "utf8").split("\n", 1)[0];
    assert.match(header ?? "", /^\d+ 64$/);
  });

  it("lists an item's nearest neighbours in the serving version, and names an unknown item", async () => {
    const run = await runRecsys(["offline", "similar", "1", "--k", "5"], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^nearest to 1 Toy Story \(1995\) in v\S+ \(cosine\):$/m);
    assert.equal(run.stdout.match(/^ {2}0\.\d{3} {2}\d+ {2}\S/gm)?.length, 5, run.stdout);
    const unknown = await runRecsys(["offline", "similar", "no-such-item"], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /item "no-such-item" has no Item2Vec vector/);
  });

  it("evaluates from the stores, printing the table and writing JSON and Markdown", async () => {
    const out = join(stateDir, "eval-out");
    const run = await runRecsys(["offline", "evaluate", "--out", out], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, TABLE_ROW);
    const report = JSON.parse(readFileSync(join(out, "evaluation.json"), "utf8"));
    assert.equal(report.users, 607);
    assert.deepEqual(
      report.models.map((m: { model: string }) => m.model),
      ["popularity", "item2vec-mean", "item2vec-last", "deepwalk", "node2vec", "als", "ranker"],
    );
    assert.ok(existsSync(join(out, "evaluation.md")));
  });

  it("explains that there is nothing to roll back to after one version", async () => {
    const run = await runRecsys(["offline", "rollback"], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no previous version to roll back to: run `recsys offline train` first/);
  });

  it("schedules runs: --run-now trains once, SIGUSR2 asks for another, SIGTERM stops cleanly", async () => {
    const schedule = startRecsys(["offline", "schedule", "--run-now"], { ...env, RECSYS_LOG_LEVEL: "info" });
    try {
      await schedule.waitForOutput(/offline schedule "0 3 \* \* \*" started/);
      await schedule.waitForOutput(/"training run succeeded","trigger":"--run-now"/);
      schedule.child.kill("SIGUSR2");
      await schedule.waitForOutput(/"training run succeeded","trigger":"SIGUSR2"/);
    } finally {
      schedule.child.kill("SIGTERM");
    }
    assert.equal(await schedule.exited(), 0, schedule.output());
  });

  it("rejects a bad cron expression with the setting's name", async () => {
    const run = await runRecsys(["offline", "schedule"], { ...env, RECSYS_OFFLINE_SCHEDULE: "99 * * * *" });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /RECSYS_OFFLINE_SCHEDULE="99 \* \* \* \*" is not a valid cron expression/);
  });

  it("rolls back to the version that served before, and forward again", async () => {
    const stores = async () =>
      createStoreAdapters(loadConfig(env), { clock: systemClock, logger: silentLogger });
    const active = async () => {
      const opened = await stores();
      const version = await opened.control.activeVersion("embeddings");
      await opened.close();
      return version;
    };
    const before = await active();
    const back = await runRecsys(["offline", "rollback"], env);
    assert.equal(back.code, 0, back.stderr);
    const match = /rolled back popularity, features, embeddings from (\S+) to (\S+)/.exec(back.stdout);
    assert.ok(match, back.stdout);
    assert.equal(match[1], before);
    assert.equal(await active(), match[2]);
    assert.equal(readFileSync(join(stateDir, "artifacts", "ACTIVE"), "utf8").trim(), match[2]);
    assert.equal((await runRecsys(["offline", "rollback"], env)).code, 0);
    assert.equal(await active(), before);
  });
});
