import { setTimeout as delay } from "node:timers/promises";

export interface WaitForOptions {
  /** Give up after this long; default 5 s. */
  readonly timeoutMs?: number;
  /** Pause between checks; default 10 ms. */
  readonly intervalMs?: number;
  /** Said in the error when the condition never holds. */
  readonly message?: string;
}

/** Poll `condition` until it returns true, or throw after the timeout; tests use it instead of sleeping. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: WaitForOptions = {},
): Promise<void> {
  const { timeoutMs = 5000, intervalMs = 10, message = "condition" } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms: ${message}`);
    await delay(intervalMs);
  }
}
