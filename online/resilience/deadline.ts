import { type Clock, systemClock } from "../../core/clock.ts";
import { ConfigError } from "../../core/errors.ts";

/** One request's time budget, shared out across its stages. */
export interface Deadline {
  /** The whole budget (ms). */
  readonly totalMs: number;
  /** Milliseconds left, never negative. */
  remaining(): number;
  /** True once nothing is left. */
  expired(): boolean;
  /**
   * Milliseconds for a stage that may use `share` (0-1) of what is left, at most `capMs` when given, and at
   * least 1 (so a late stage still gets one quick attempt instead of a zero timeout).
   */
  slice(share: number, capMs?: number): number;
  /** Aborted (reason: a TimeoutError DOMException) when the budget runs out; created on first use. */
  readonly signal: AbortSignal;
  /** Clears the abort timer; call when the request is answered. Idempotent. */
  dispose(): void;
}

/**
 * A deadline `totalMs` from now. `remaining` reads `clock`; the signal's timer runs on real time (it is armed
 * with what remains when first read), so tests with a manual clock check `remaining`, not the signal.
 */
export function createDeadline(totalMs: number, clock: Clock = systemClock): Deadline {
  if (!(Number.isFinite(totalMs) && totalMs > 0)) {
    throw new ConfigError("deadline totalMs must be a positive number", "totalMs");
  }
  const endsAt = clock.now() + totalMs;
  const remaining = () => Math.max(0, endsAt - clock.now());
  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  const abort = () => controller?.abort(new DOMException("request deadline exceeded", "TimeoutError"));

  return {
    totalMs,
    remaining,
    expired: () => remaining() <= 0,
    slice(share, capMs) {
      if (!(share >= 0 && share <= 1))
        throw new RangeError(`deadline share must be within [0, 1], got ${share}`);
      const ms = Math.floor(remaining() * share);
      return Math.max(1, capMs === undefined ? ms : Math.min(ms, capMs));
    },
    get signal() {
      if (controller === undefined) {
        controller = new AbortController();
        const left = remaining();
        if (left <= 0) abort();
        else if (!disposed) {
          timer = setTimeout(abort, left);
          timer.unref();
        }
      }
      return controller.signal;
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
