import { ValidationError } from "../../core/errors.ts";
import type { HnswParams } from "../../core/ports/ann-index.ts";

/**
 * hnswlib's usual M and efConstruction; `ef` is the smallest value `npm run bench:ann` found reaching
 * recall@10 >= 0.95 against exact search on both its data sets (see bench/results/ann-*.json).
 */
export const DEFAULT_HNSW_PARAMS: HnswParams = { M: 16, efConstruction: 200, ef: 50, seed: 100 };

/** `params` over the defaults, checked; throws a ValidationError naming the first bad field. */
export function resolveHnswParams(params: Partial<HnswParams> = {}): HnswParams {
  const resolved = { ...DEFAULT_HNSW_PARAMS, ...params } satisfies HnswParams;
  requireInteger("M", resolved.M, 2, 1024);
  requireInteger("efConstruction", resolved.efConstruction, 1, 1 << 20);
  requireInteger("ef", resolved.ef, 1, 1 << 20);
  requireInteger("seed", resolved.seed, 0, 2 ** 32 - 1);
  const { M, efConstruction, ef, seed } = resolved;
  return { M, efConstruction, ef, seed };
}

function requireInteger(field: string, value: number, min: number, max: number): void {
  if (Number.isSafeInteger(value) && value >= min && value <= max) return;
  const message = `must be an integer in ${min}..${max}, got ${String(value)}`;
  throw new ValidationError(`HNSW: ${field} ${message}`, [{ field, message }]);
}
