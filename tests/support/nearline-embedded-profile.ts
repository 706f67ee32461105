import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../core/config/index.ts";
import { silentLogger } from "../../core/logger.ts";
import type { FeatureCache } from "../../core/ports/index.ts";
import { createAdapters } from "../../infra/create-adapters.ts";
import { createInMemoryFeatureCache } from "../../infra/embedded/feature-cache/index.ts";
import {
  type NearlineProfile,
  type NearlineWorld,
  type RunningMember,
  scenarioSettings,
  startMemberOn,
} from "./nearline-harness.ts";

/** Settings every scenario world shares, on either profile. */
export const SCENARIO_ENV: Readonly<Record<string, string>> = {
  RECSYS_EVENTLOG_PARTITIONS: "4",
  RECSYS_NEARLINE_VERSION_POLL_MS: "1000",
};

/**
 * A FeatureCache that forwards to a replaceable in-memory cache: `swap` replaces it with an empty one at once,
 * which is what a Redis restart without persistence looks like to its clients. The in-memory cache has no
 * flush command, and deleting key by key would not be atomic.
 */
function swappableCache(first: FeatureCache, fresh: () => FeatureCache) {
  let current = first;
  const view = new Proxy({} as FeatureCache, {
    get(_, name: keyof FeatureCache) {
      const value = current[name];
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
  return {
    view,
    swap: async () => {
      const old = current;
      current = fresh();
      await old.close();
    },
  };
}

/** Worlds on the embedded profile: a temp state dir each; members share the one log (it holds the dir lock). */
export function embeddedProfile(): NearlineProfile {
  return {
    name: "embedded",
    async open(): Promise<NearlineWorld> {
      const dir = mkdtempSync(join(tmpdir(), "starling-nearline-"));
      const config = loadConfig({ ...SCENARIO_ENV, RECSYS_STATE_DIR: dir });
      const adapters = await createAdapters(config, { clock: systemClock, logger: silentLogger });
      const fresh = () =>
        createInMemoryFeatureCache({ maxEntries: config.cache.maxEntries, clock: systemClock });
      const cache = swappableCache(adapters.cache, fresh);
      const stores = { ...adapters, cache: cache.view };
      const settings = scenarioSettings(config);
      const members = new Set<RunningMember>();
      return {
        profile: "embedded",
        config,
        settings,
        stores,
        async startMember() {
          const member = await startMemberOn(stores, settings);
          members.add(member);
          return member;
        },
        loseCache: cache.swap,
        async close() {
          await Promise.all([...members].map((m) => m.stop()));
          await adapters.close();
          await cache.view.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}
