import { progress } from "./section-result.ts";

/** One side of a comparison: a name for progress lines and the work of one run. */
export interface Side<T> {
  name: string;
  run: (run: number) => Promise<T>;
}

/**
 * Runs the sides in turn, A B (C) A B (C) ..., so drift on a shared machine hits them alike. Run 0 is an
 * untimed warm-up (JIT, connections, page cache) whose results are dropped. Returns each side's results
 * in run order, keyed by side name.
 */
export async function alternate<T>(
  label: string,
  runs: number,
  sides: readonly Side<T>[],
): Promise<Record<string, T[]>> {
  const results: Record<string, T[]> = {};
  for (const side of sides) results[side.name] = [];
  for (let run = 0; run <= runs; run++) {
    for (const side of sides) {
      const tag = run === 0 ? "warm-up" : `run ${run}/${runs}`;
      progress(`${label} ${tag}: ${side.name}`);
      const result = await side.run(run);
      if (run > 0) results[side.name]?.push(result);
    }
  }
  return results;
}

/** Resolves with `work`, or rejects after `ms` naming what did not finish. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds since `started` (a performance.now() reading). */
export const secondsSince = (started: number) => (performance.now() - started) / 1000;
