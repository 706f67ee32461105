import { randomUUID } from "node:crypto";
import type { Clock } from "../core/clock.ts";
import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { Adapters } from "../infra/create-adapters.ts";
import {
  createNearlineMetrics,
  type NearlineMetrics,
  type RunningNearline,
  startNearline,
} from "../nearline/index.ts";
import { nearlineSettings } from "./nearline-settings.ts";

/** Starts the nearline consumer on these adapters (the `recsys nearline` process, or inside the demo). */
export async function startNearlineOn(
  adapters: Adapters,
  config: Config,
  deps: { clock: Clock; logger: Logger; onStall: (reason: string) => void },
): Promise<{ nearline: RunningNearline; metrics: NearlineMetrics }> {
  const metrics = createNearlineMetrics();
  const nearline = await startNearline(
    {
      ...adapters,
      clock: deps.clock,
      logger: deps.logger.child("nearline"),
      metrics,
      newId: () => randomUUID(),
    },
    nearlineSettings(config),
    deps.onStall,
  );
  return { nearline, metrics };
}
