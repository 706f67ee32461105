/** The services the request path depends on; each has its own circuit breaker. */
export type Dependency = "cache" | "bulk" | "control" | "eventLog";

/** Every dependency, in a fixed order (for breakers, readiness and metrics). */
export const DEPENDENCIES: readonly Dependency[] = ["cache", "bulk", "control", "eventLog"];

export type BreakerState = "closed" | "open" | "halfOpen";

/**
 * Runs calls to a dependency under a timeout and that dependency's circuit breaker. A call that fails, times out
 * or is refused by an open breaker rejects with a `DependencyUnavailable` error, never hangs.
 */
export interface DependencyGuard {
  call<T>(dependency: Dependency, operation: () => Promise<T>, timeoutMs: number): Promise<T>;
  state(dependency: Dependency): BreakerState;
}

/** Why a dependency call did not answer; the request path turns it into a `degraded` reason. */
export class DependencyUnavailable extends Error {
  constructor(
    readonly dependency: Dependency,
    readonly reason: "timeout" | "open" | "error",
    cause?: unknown,
  ) {
    super(`${dependency} ${reason}`, cause === undefined ? undefined : { cause });
    this.name = "DependencyUnavailable";
  }
}

/** A guard that only applies the timeout; for tests and tools that want no breakers. */
export const directGuard: DependencyGuard = {
  async call(dependency, operation, timeoutMs) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DependencyUnavailable(dependency, "timeout")), timeoutMs);
    });
    try {
      return await Promise.race([operation(), timeout]);
    } catch (error) {
      if (error instanceof DependencyUnavailable) throw error;
      throw new DependencyUnavailable(dependency, "error", error);
    } finally {
      clearTimeout(timer);
    }
  },
  state: () => "closed",
};
