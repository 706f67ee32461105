/** Options shared by DeepWalk and Node2vec walks. */
export interface WalkOptions {
  /** Total number of walks; each starts at a node drawn by its share of all out-weight. */
  walks: number;
  /** Nodes per walk, start included; a walk ends early at a node without out-edges. */
  walkLength: number;
  seed: number;
}

/** Throws an Error naming the first invalid walk option. */
export function validateWalkOptions(options: WalkOptions): void {
  if (!Number.isSafeInteger(options.walks) || options.walks < 0) {
    fail("walks", "must be an integer >= 0", options.walks);
  }
  if (!Number.isSafeInteger(options.walkLength) || options.walkLength < 1) {
    fail("walkLength", "must be an integer >= 1", options.walkLength);
  }
  if (!Number.isSafeInteger(options.seed)) fail("seed", "must be a safe integer", options.seed);
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) fail(name, "must be a finite number > 0", value);
}

/** Throws an Error for walk option `name`. */
export function fail(name: string, rule: string, value: unknown): never {
  throw new Error(`graph walks: ${name} ${rule}, got ${String(value)}`);
}
