import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { systemClock } from "../core/clock.ts";
import { loadConfig } from "../core/config/index.ts";
import { silentLogger } from "../core/logger.ts";
import { createStoreAdapters, type StoreAdapters } from "../infra/create-adapters.ts";
import { manifestCacheKeys } from "../offline/jobs/publish/cache-manifest.ts";
import { allServices } from "./support/all-services.ts";
import { dropNamespace } from "./support/drop-namespace.ts";
import { FAST_OFFLINE_ENV } from "./support/fast-offline-env.ts";
import { readPublishedVersion } from "./support/published-version.ts";
import { testNamespace } from "./support/real-services.ts";
import { runRecsys } from "./support/recsys-cli.ts";
import { servicesEnv } from "./support/services-env.ts";
import { sharedDataDir } from "./support/shared-data.ts";

const services = await allServices();
const skip = "skip" in services ? services.skip : false;
const endpoints = "endpoints" in services ? services.endpoints : undefined;

describe("recsys offline train on the services profile", { skip }, () => {
  const namespace = testNamespace("offl");
  let stores: StoreAdapters | undefined;
  let version: string | undefined;
  const stateDir = mkdtempSync(join(tmpdir(), "starling-offline-services-"));

  after(async () => {
    if (stores && version) {
      // Redis is shared by every test: remove the keys this version warmed.
      const deps = {
        ...stores,
        clock: systemClock,
        logger: silentLogger,
        progress: () => ({ update() {}, finish() {} }),
        newId: () => "",
      };
      await stores.cache.del(await manifestCacheKeys(deps, version));
    }
    await stores?.close();
    rmSync(stateDir, { recursive: true, force: true });
    await dropNamespace(namespace, endpoints?.cassandra, endpoints?.mysql);
  });

  it("trains on ml-latest-small through Cassandra, MySQL and Redis; a reader finds the version", async () => {
    if (endpoints === undefined) return;
    const env = {
      ...servicesEnv(endpoints, namespace),
      ...FAST_OFFLINE_ENV,
      RECSYS_LOG_LEVEL: "warn",
      RECSYS_OFFLINE_HOT_USERS: "100",
    };
    const run = await runRecsys(["offline", "train", "--data", sharedDataDir()], env, 600_000);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const published = /published (v\S+)/.exec(run.stdout)?.[1];
    assert.ok(published, run.stdout);
    stores = await createStoreAdapters(loadConfig(env), { clock: systemClock, logger: silentLogger });
    version = await readPublishedVersion(stores, { itemId: "318", userId: "1", dimension: 64 });
    assert.equal(version, published);
  });
});
