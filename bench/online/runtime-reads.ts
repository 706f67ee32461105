import { readFileSync } from "node:fs";
import { join } from "node:path";

/** What bench/online/runtime-preload.ts last wrote for one process (cumulative since its start). */
export interface RuntimeSample {
  readonly pid: number;
  readonly atMs: number;
  readonly activeMs: number;
  readonly idleMs: number;
  readonly gcMs: number;
  readonly gcCount: number;
  readonly cpuMs: number;
  readonly heapUsedMB: number;
  readonly rssMB: number;
}

/** One process over a window, from two samples. */
export interface RuntimeWindow {
  /** Share of the window the event loop was busy (1: never idle, the process is CPU-bound in its JS thread). */
  readonly eventLoopUtilization: number;
  /** Share of wall time spent in GC pauses. */
  readonly gcShare: number;
  readonly gcPauses: number;
  /** Process CPU over wall time (above 1: GC and libuv threads add to the JS thread). */
  readonly cpuCores: number;
  readonly heapUsedMB: number;
  readonly rssMB: number;
}

/** The latest sample of each pid that has one (a process that has not written yet is left out). */
export function readRuntime(dir: string, pids: readonly number[]): Map<number, RuntimeSample> {
  const out = new Map<number, RuntimeSample>();
  for (const pid of pids) {
    try {
      out.set(pid, JSON.parse(readFileSync(join(dir, `${pid}.json`), "utf8")) as RuntimeSample);
    } catch {
      // Not written yet, or the process is gone.
    }
  }
  return out;
}

/** The window between two samples of one process, or null when they are too close to say anything. */
export function runtimeWindow(before: RuntimeSample, after: RuntimeSample): RuntimeWindow | null {
  const wall = after.atMs - before.atMs;
  const loop = after.activeMs - before.activeMs + (after.idleMs - before.idleMs);
  if (wall < 100 || loop <= 0) return null;
  return {
    eventLoopUtilization: (after.activeMs - before.activeMs) / loop,
    gcShare: (after.gcMs - before.gcMs) / wall,
    gcPauses: after.gcCount - before.gcCount,
    cpuCores: (after.cpuMs - before.cpuMs) / wall,
    heapUsedMB: after.heapUsedMB,
    rssMB: after.rssMB,
  };
}
