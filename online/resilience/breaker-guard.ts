import CircuitBreaker from "opossum";
import { ConfigError, StarlingError } from "../../core/errors.ts";
import {
  type BreakerState,
  DEPENDENCIES,
  type Dependency,
  type DependencyGuard,
  DependencyUnavailable,
} from "./types.ts";
import { withTimeout } from "./with-timeout.ts";

/** How one guarded call ended, for metrics. */
export type CallOutcome = "success" | "timeout" | "error" | "open";

export interface BreakerGuardOptions {
  /** A breaker opens when more than this share (1-100) of its recent calls failed or timed out. */
  readonly errorThresholdPercent: number;
  /** How long an open breaker refuses calls before letting one trial call through (half-open). */
  readonly resetTimeoutMs: number;
  /** Window of the failure statistics; defaults to 10 s. */
  readonly rollingCountTimeoutMs?: number;
  /** Calls within the window before the breaker may open at all; defaults to 5. */
  readonly volumeThreshold?: number;
  readonly onStateChange?: (dependency: Dependency, state: BreakerState) => void;
  /** Called once per call with how it ended and how long it took. */
  readonly onOutcome?: (dependency: Dependency, outcome: CallOutcome, latencyMs: number) => void;
}

/** A DependencyGuard with one opossum breaker per dependency. */
export interface BreakerGuard extends DependencyGuard {
  /** Every dependency's breaker state, for `/readyz` and metrics. */
  states(): Record<Dependency, BreakerState>;
  /** Stops the breakers' statistics timers; later calls reject as `open`. */
  close(): void;
}

type Operation = () => Promise<unknown>;
type Breaker = CircuitBreaker<[Operation, number], unknown>;

const DEFAULT_ROLLING_WINDOW_MS = 10_000;
const DEFAULT_VOLUME_THRESHOLD = 5;

/**
 * Breakers around each dependency. The timeout is per call (a request's remaining budget), so opossum's own
 * per-breaker timeout is off and each call races its own timer; timeouts count as failures.
 */
export function createBreakerGuard(options: BreakerGuardOptions): BreakerGuard {
  checkOptions(options);
  const breakers = Object.fromEntries(
    DEPENDENCIES.map((dependency) => [dependency, breakerFor(dependency, options)]),
  ) as Record<Dependency, Breaker>;
  const report = (dependency: Dependency, outcome: CallOutcome, startedAt: number) =>
    options.onOutcome?.(dependency, outcome, performance.now() - startedAt);
  const state = (dependency: Dependency): BreakerState => stateOf(breakers[dependency]);

  return {
    async call<T>(dependency: Dependency, operation: () => Promise<T>, timeoutMs: number): Promise<T> {
      const startedAt = performance.now();
      // No budget left is the request's problem, not the dependency's: refuse without counting a failure.
      if (!(timeoutMs > 0)) {
        report(dependency, "timeout", startedAt);
        throw new DependencyUnavailable(dependency, "timeout");
      }
      try {
        const value = (await breakers[dependency].fire(operation, timeoutMs)) as T;
        report(dependency, "success", startedAt);
        return value;
      } catch (error) {
        const failure = unavailable(dependency, error);
        report(dependency, failure.reason, startedAt);
        throw failure;
      }
    },
    state,
    states: () =>
      Object.fromEntries(DEPENDENCIES.map((dependency) => [dependency, state(dependency)])) as Record<
        Dependency,
        BreakerState
      >,
    close() {
      for (const breaker of Object.values(breakers)) breaker.shutdown();
    },
  };
}

function breakerFor(dependency: Dependency, options: BreakerGuardOptions): Breaker {
  const breaker: Breaker = new CircuitBreaker(
    (operation: Operation, timeoutMs: number) => withTimeout(dependency, operation, timeoutMs),
    {
      name: dependency,
      timeout: false,
      errorThresholdPercentage: options.errorThresholdPercent,
      resetTimeout: options.resetTimeoutMs,
      rollingCountTimeout: options.rollingCountTimeoutMs ?? DEFAULT_ROLLING_WINDOW_MS,
      rollingCountBuckets: 10,
      volumeThreshold: options.volumeThreshold ?? DEFAULT_VOLUME_THRESHOLD,
      // Latency percentiles are measured by the app's own metrics; opossum's would cost a sort per bucket.
      rollingPercentilesEnabled: false,
      errorFilter: isCallerError,
    },
  );
  const onStateChange = options.onStateChange;
  if (onStateChange) {
    breaker.on("open", () => onStateChange(dependency, "open"));
    breaker.on("halfOpen", () => onStateChange(dependency, "halfOpen"));
    breaker.on("close", () => onStateChange(dependency, "closed"));
  }
  return breaker;
}

function stateOf(breaker: Breaker): BreakerState {
  if (breaker.halfOpen) return "halfOpen";
  return breaker.closed ? "closed" : "open";
}

/**
 * A rejected request (bad input, unknown id) says nothing about the dependency's health, so it does not count
 * towards opening the breaker; it still rejects.
 */
function isCallerError(error: unknown): boolean {
  return error instanceof StarlingError && error.status >= 400 && error.status < 500;
}

function unavailable(dependency: Dependency, error: unknown): DependencyUnavailable {
  if (error instanceof DependencyUnavailable) return error;
  // opossum's own rejections: an open (or half-open and busy) breaker, or one shut down with the guard.
  if (error instanceof Error && CircuitBreaker.isOurError(error)) {
    return new DependencyUnavailable(dependency, "open", error);
  }
  return new DependencyUnavailable(dependency, "error", error);
}

function checkOptions(options: BreakerGuardOptions): void {
  const { errorThresholdPercent, resetTimeoutMs, rollingCountTimeoutMs, volumeThreshold } = options;
  if (!(errorThresholdPercent >= 1 && errorThresholdPercent <= 100)) {
    throw new ConfigError("breaker errorThresholdPercent must be from 1 to 100", "errorThresholdPercent");
  }
  if (!(Number.isFinite(resetTimeoutMs) && resetTimeoutMs > 0)) {
    throw new ConfigError("breaker resetTimeoutMs must be a positive number", "resetTimeoutMs");
  }
  if (rollingCountTimeoutMs !== undefined && !(rollingCountTimeoutMs >= 10)) {
    throw new ConfigError("breaker rollingCountTimeoutMs must be at least 10", "rollingCountTimeoutMs");
  }
  if (volumeThreshold !== undefined && !(Number.isInteger(volumeThreshold) && volumeThreshold >= 0)) {
    throw new ConfigError("breaker volumeThreshold must be a non-negative integer", "volumeThreshold");
  }
}
