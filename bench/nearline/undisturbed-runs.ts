import { progress } from "../stores/section-result.ts";

/** A run set aside because something outside the benchmark disturbed it. */
export interface DiscardedRun<T> {
  readonly attempt: number;
  readonly why: string;
  readonly result: T;
}

/**
 * Runs `attempt(1..)` until `wanted` results are undisturbed, trying at most `extra` more times. The services are
 * shared with test suites that restart or pause them (fault tests), so a run whose consumer saw infrastructure
 * errors measures the fault, not the nearline; it is set aside with the reason and redone.
 */
export async function undisturbedRuns<T>(
  wanted: number,
  extra: number,
  attempt: (n: number) => Promise<T>,
  disturbance: (result: T) => string | null,
): Promise<{ results: T[]; discarded: DiscardedRun<T>[] }> {
  const results: T[] = [];
  const discarded: DiscardedRun<T>[] = [];
  for (let n = 1; results.length < wanted && n <= wanted + extra; n++) {
    const result = await attempt(n);
    const why = disturbance(result);
    if (why === null) {
      results.push(result);
    } else {
      discarded.push({ attempt: n, why, result });
      progress(`  attempt ${n} set aside: ${why}`);
    }
  }
  return { results, discarded };
}

/** Errors that mean a service went away (restarted, paused, unreachable) rather than a fault of the nearline. */
const SERVICE_GONE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|All host\(s\) tried|NoHostAvailable|Connection is closed|Command timed out|not connected|KafkaJSConnectionError|socket hang up/i;

/**
 * Why a run's figures cannot be trusted: the consumer retried batches or rebuilt its state, and every error it
 * logged says a service went away. Null otherwise, also when an error is the nearline's own (a bug does not go
 * away when the run is redone, so such a run is kept and its errors reported).
 */
export function consumerDisturbance(member: {
  retries: number;
  rebuilds: number;
  errors: string[];
}): string | null {
  if (member.retries === 0 && member.rebuilds === 0) return null;
  if (member.errors.length === 0 || !member.errors.every((e) => SERVICE_GONE.test(e))) return null;
  return `the consumer retried ${member.retries} batches and rebuilt ${member.rebuilds} times on service errors (${member.errors[0]})`;
}

/**
 * Keeps the job alive through unhandled promise rejections and records them: a benchmark that dies loses every
 * figure, but each one is reported, since the same rejection would end a `recsys nearline` process.
 */
export function recordUnhandledRejections(): () => string[] {
  const seen: string[] = [];
  process.on("unhandledRejection", (reason) => {
    const text =
      reason instanceof Error
        ? `${reason.message} (${reason.stack?.split("\n")[1]?.trim()})`
        : String(reason);
    seen.push(text);
    progress(`unhandled rejection: ${text}`);
  });
  return () => [...seen];
}
