import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT } from "./children.ts";

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) the summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A time range on CLOCK_MONOTONIC in microseconds, the clock of both the profile and process.hrtime. */
export type MicrosWindow = readonly [start: number, end: number];

/** Where the profiled process spent its samples inside the windows. */
export interface ProfileSummary {
  readonly file: string;
  readonly samples: number;
  /** Shares of the samples, %: idle (waiting for I/O), GC, and the rest by where the code lives. */
  readonly idlePercent: number;
  readonly gcPercent: number;
  /** Self time by source file (repository path) or package (node_modules), top first. */
  readonly bySource: { source: string; percent: number }[];
  /** Self time by function, top first. */
  readonly byFunction: { fn: string; percent: number }[];
}

const TOP = 15;
/** Pseudo-frames V8 records for states rather than functions. */
const VM_STATES = new Set(["(garbage collector)", "(idle)", "(program)", "(root)"]);

/** Microseconds now on CLOCK_MONOTONIC, to mark windows the profile is cut to. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** A call frame's source: the package under node_modules, the repository path, or the node built-in. */
function sourceOf(url: string, functionName: string): string {
  if (url === "") return VM_STATES.has(functionName) ? functionName : "native code";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith("node:")) return "node built-ins";
  return url.replace(/^file:\/\//, "").replace(REPO_ROOT, "");
}

function summarise(file: string, profile: CpuProfile, windows: readonly MicrosWindow[]): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let samples = 0;
  let idle = 0;
  let gc = 0;
  let at = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    at += profile.timeDeltas[i] ?? 0;
    if (!windows.some(([start, end]) => at >= start && at <= end)) continue;
    const frame = nodes.get(id);
    if (!frame) continue;
    samples += 1;
    if (frame.functionName === "(idle)") idle += 1;
    if (frame.functionName === "(garbage collector)") gc += 1;
    const source = sourceOf(frame.url, frame.functionName);
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
    const name = frame.functionName || "(anonymous)";
    const fn = VM_STATES.has(name) ? name : `${name} (${source.split("/").at(-1)})`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
  }
  const top = <K extends string>(map: Map<string, number>, key: K) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(
        ([name, n]) =>
          ({ [key]: name, percent: (100 * n) / Math.max(samples, 1) }) as Record<K, string> & {
            percent: number;
          },
      );
  return {
    file,
    samples,
    idlePercent: (100 * idle) / Math.max(samples, 1),
    gcPercent: (100 * gc) / Math.max(samples, 1),
    bySource: top(bySource, "source"),
    byFunction: top(byFunction, "fn"),
  };
}

/**
 * The summary of the profile in `dir` with the most busy samples inside `windows` (node writes one per thread;
 * the main thread is the one doing the work), or null when there is none.
 */
export async function summariseProfiles(
  dir: string,
  windows: readonly MicrosWindow[],
): Promise<ProfileSummary | null> {
  let best: ProfileSummary | null = null;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(".cpuprofile")) continue;
    const file = join(dir, name);
    const summary = summarise(file, JSON.parse(await readFile(file, "utf8")) as CpuProfile, windows);
    const busy = (s: ProfileSummary) => s.samples * (1 - s.idlePercent / 100);
    if (best === null || busy(summary) > busy(best)) best = summary;
  }
  return best;
}
