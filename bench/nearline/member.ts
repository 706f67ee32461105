import { randomUUID } from "node:crypto";
import { nearlineSettings } from "../../bin/nearline-settings.ts";
import { systemClock } from "../../core/clock.ts";
import { createLogger } from "../../core/logger.ts";
import { createAdapters } from "../../infra/create-adapters.ts";
import {
  createNearlineMetrics,
  type NearlineMetrics,
  type RunningNearline,
  startNearline,
} from "../../nearline/index.ts";
import { progress } from "../stores/section-result.ts";
import type { BenchWorld } from "./world.ts";

/** Warnings printed per member at most; the rest are only counted. */
const SHOWN_WARNINGS = 5;
/** Distinct error messages kept per member, to tell a restarted service from a bug. */
const KEPT_ERRORS = 10;

/** The `error` field of a JSON log line, cut before details that vary (ids, offsets). */
function errorOf(line: string): string | undefined {
  try {
    const error = (JSON.parse(line) as { error?: unknown }).error;
    return typeof error === "string" ? error.split("\n")[0]?.slice(0, 160) : undefined;
  } catch {
    return undefined;
  }
}

/** One nearline consumer as `recsys nearline` runs it: its own connections, metrics and logger. */
export interface BenchMember {
  readonly nearline: RunningNearline;
  readonly metrics: NearlineMetrics;
  /** Seconds to open the member's connections (before the timed start). */
  readonly openSeconds: number;
  /** Warnings and errors the member logged, and stall reports. */
  readonly warnings: () => number;
  /** Distinct error messages in those log lines. */
  readonly errors: () => string[];
  /** performance.now() when startNearline was called: the start of the timed window. */
  readonly startedAt: number;
  stop(): Promise<void>;
}

/** Opens the member's adapters, then starts the nearline (the timed window starts at that call). */
export async function startMember(world: BenchWorld): Promise<BenchMember> {
  let warnings = 0;
  const errors = new Set<string>();
  const logger = createLogger("warn", "bench-nearline", (line) => {
    warnings += 1;
    if (warnings <= SHOWN_WARNINGS) progress(`nearline log: ${line.slice(0, 300)}`);
    const error = errorOf(line);
    if (error !== undefined && errors.size < KEPT_ERRORS) errors.add(error);
  });
  const opening = performance.now();
  const adapters = await createAdapters(world.config, { clock: systemClock, logger, cacheMode: "nearline" });
  const openSeconds = (performance.now() - opening) / 1000;
  const metrics = createNearlineMetrics();
  const startedAt = performance.now();
  const deps = { ...adapters, clock: systemClock, logger, metrics, newId: () => randomUUID() };
  const onStall = (reason: string) => logger.warn("stall reported", { reason });
  const nearline = await startNearline(deps, nearlineSettings(world.config), onStall).catch(async (error) => {
    await adapters.close();
    throw error;
  });
  let stopped: Promise<void> | undefined;
  return {
    nearline,
    metrics,
    openSeconds,
    warnings: () => warnings,
    errors: () => [...errors],
    startedAt,
    stop: () => {
      stopped ??= nearline.stop().finally(() => adapters.close());
      return stopped;
    },
  };
}
