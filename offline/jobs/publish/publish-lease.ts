import { hostname } from "node:os";
import { UnavailableError } from "../../../core/errors.ts";
import type { JobDeps } from "../job-deps.ts";

/** The ControlStore lease every run that moves version pointers holds, so two processes never publish at once. */
export const PUBLISH_LEASE = "offline-publish";

const DEFAULT_TTL_MS = 10 * 60_000;

export interface PublishLease {
  readonly holder: string;
  /** Renews the lease; throws when another process has taken it meanwhile (it expired unrenewed). */
  confirm(): Promise<void>;
}

/**
 * Runs `work` holding the publish lease, renewed every third of its time to live and given up at the end.
 * A crashed holder's lease expires by itself, so a dead run blocks others for at most `ttlMs`.
 */
export async function withPublishLease<T>(
  deps: JobDeps,
  work: (lease: PublishLease) => Promise<T>,
  ttlMs = DEFAULT_TTL_MS,
): Promise<T> {
  const holder = `${hostname()}:${process.pid}:${deps.newId()}`;
  if (!(await deps.control.acquireLease(PUBLISH_LEASE, holder, ttlMs))) {
    throw new UnavailableError(
      `another offline run is publishing (lease "${PUBLISH_LEASE}"); try again when it has finished, ` +
        `or after ${Math.round(ttlMs / 60_000)} minutes if it crashed`,
    );
  }
  const confirm = async () => {
    if (!(await deps.control.acquireLease(PUBLISH_LEASE, holder, ttlMs))) {
      throw new UnavailableError(
        `the publish lease expired and another run took it; this run publishes nothing`,
      );
    }
  };
  const timer = setInterval(() => {
    confirm().catch((error: unknown) =>
      deps.logger.warn("renewing the publish lease failed", { error: String(error) }),
    );
  }, ttlMs / 3);
  timer.unref();
  try {
    return await work({ holder, confirm });
  } finally {
    clearInterval(timer);
    await deps.control.releaseLease(PUBLISH_LEASE, holder).catch((error: unknown) => {
      deps.logger.warn("releasing the publish lease failed; it expires by itself", { error: String(error) });
    });
  }
}
