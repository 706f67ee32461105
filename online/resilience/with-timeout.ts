import { type Dependency, DependencyUnavailable } from "./types.ts";

// setTimeout fires at once for delays above 2^31 - 1 ms, so longer budgets are clamped.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Settles with the operation, or rejects with `DependencyUnavailable(dependency, "timeout")` after `timeoutMs`.
 * The timer is cleared either way; a late rejection of the operation is already handled by the race.
 */
export function withTimeout<T>(
  dependency: Dependency,
  operation: () => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  let started: Promise<T>;
  try {
    started = operation();
  } catch (error) {
    return Promise.reject(error);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DependencyUnavailable(dependency, "timeout")),
      Math.min(timeoutMs, MAX_TIMER_MS),
    );
  });
  return Promise.race([started, timeout]).finally(() => clearTimeout(timer));
}
