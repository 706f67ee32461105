import type { BulkStore, ControlStore, FeatureCache } from "../core/ports/index.ts";
import type { ServingSnapshot } from "./lookup/types.ts";
import type { DependencyGuard } from "./resilience/types.ts";

const PROBE_TIMEOUT_MS = 500;

/**
 * `ready`: everything answers. `degraded`: a snapshot is loaded but a store fails; the process still answers
 * every read within its budget, so it stays in the load balancer (taking every replica out over a Redis outage
 * would turn a degraded service into none). `not_ready`: nothing to serve yet.
 */
export interface Readiness {
  readonly status: "ready" | "degraded" | "not_ready";
  readonly checks: Record<string, string>;
}

/**
 * Readiness for a load balancer: a snapshot is loaded and every store answers a cheap read. Probes go through the
 * guard, so a dependency whose breaker is open reads as not ready.
 */
export function createReadiness(deps: {
  cache: FeatureCache;
  bulk: BulkStore;
  control: ControlStore;
  guard: DependencyGuard;
  snapshots: { current(): ServingSnapshot | null };
}) {
  const probe = async (run: () => Promise<unknown>): Promise<string> => {
    try {
      await run();
      return "ok";
    } catch (error) {
      return (error as Error).message;
    }
  };
  return async (): Promise<Readiness> => {
    const [cache, bulk, control] = await Promise.all([
      probe(() => deps.guard.call("cache", () => deps.cache.get("readyz:probe"), PROBE_TIMEOUT_MS)),
      probe(() =>
        deps.guard.call("bulk", () => deps.bulk.getArtifact("readyz", "probe", "probe"), PROBE_TIMEOUT_MS),
      ),
      probe(() => deps.guard.call("control", () => deps.control.activeVersions(), PROBE_TIMEOUT_MS)),
    ]);
    const checks = { cache, bulk, control };
    if (deps.snapshots.current() === null) {
      return { status: "not_ready", checks: { snapshot: "nothing published or loaded yet", ...checks } };
    }
    const allUp = Object.values(checks).every((v) => v === "ok");
    return { status: allUp ? "ready" : "degraded", checks: { snapshot: "ok", ...checks } };
  };
}
