import type { Clock } from "../../core/clock.ts";
import type { Logger } from "../../core/logger.ts";

/** What the watchdog watches: when the member last delivered, and whether its partitions have lag. */
export interface WatchedMember {
  lastDeliveryAt(): number;
  /** True when an owned, unpaused partition has records past the group's committed offset. */
  hasLag(): Promise<boolean>;
  /** Replace the stuck kafkajs consumer with a fresh one. */
  restart(): Promise<void>;
}

/**
 * Restarts a member whose partitions have lag but that delivered nothing for `stallMs` (kafkajs consumers
 * can hang silently after a dropped connection, kafkajs issue 1163). Returns a function that stops it.
 */
export function startProgressWatchdog(
  member: WatchedMember,
  options: { stallMs: number; clock: Clock; logger: Logger },
): () => void {
  let busy = false;
  const check = async () => {
    if (busy || options.clock.now() - member.lastDeliveryAt() < options.stallMs) return;
    busy = true;
    try {
      if (!(await member.hasLag())) return;
      options.logger.warn("consumer made no progress despite lag; restarting it", {
        stallMs: options.stallMs,
      });
      await member.restart();
    } catch (error) {
      options.logger.warn("progress check failed", {
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), Math.max(250, Math.floor(options.stallMs / 4)));
  timer.unref();
  return () => clearInterval(timer);
}
