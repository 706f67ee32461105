import type { EventLog, ProduceRecord } from "../../core/ports/event-log.ts";
import type { Sleep } from "./pacer.ts";

export interface TopicLanesOptions {
  /** Most produce calls queued or in flight at once, over all topics. */
  readonly maxInFlight: number;
  /** Further attempts for a call that failed with a retriable error (the log was unavailable). */
  readonly retries: number;
  /** Pause before the first retry; doubled for each further one. */
  readonly backoffMs: number;
  readonly sleep: Sleep;
  /** Stops retrying once aborted. */
  readonly signal?: AbortSignal;
}

function isRetriable(error: unknown): boolean {
  return (error as { retriable?: unknown } | null)?.retriable === true;
}

/**
 * Produce calls to an EventLog, one at a time per topic (so one user's records keep their order: concurrent
 * calls to one Kafka topic may land out of order) and pipelined across topics, with at most `maxInFlight`
 * pending. After a failure nothing further is sent, and `submit` / `drain` throw it.
 */
export class TopicLanes {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly options: TopicLanesOptions,
  ) {}

  /** Queue `records` behind the topic's earlier calls; waits while too many calls are pending. */
  async submit(topic: string, records: readonly ProduceRecord[], onAck: () => void): Promise<void> {
    this.throwIfFailed();
    while (this.pending.size >= this.options.maxInFlight) await Promise.race(this.pending);
    this.throwIfFailed();
    const call = this.run(this.tails.get(topic), topic, records, onAck);
    this.tails.set(topic, call);
    this.pending.add(call);
    void call.then(() => this.pending.delete(call));
  }

  /** Wait for every submitted call; throws the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.tails.values());
    this.throwIfFailed();
  }

  private async run(
    previous: Promise<void> | undefined,
    topic: string,
    records: readonly ProduceRecord[],
    onAck: () => void,
  ): Promise<void> {
    await previous;
    if (this.failure) return;
    try {
      await this.produceWithRetry(topic, records);
      onAck();
    } catch (error) {
      this.failure ??= { error };
    }
  }

  private async produceWithRetry(topic: string, records: readonly ProduceRecord[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.log.produce(topic, records);
        return;
      } catch (error) {
        // A retried call may write some records twice; consumers drop them by eventId.
        if (!isRetriable(error) || attempt >= this.options.retries || this.options.signal?.aborted)
          throw error;
        await this.options.sleep(this.options.backoffMs * 2 ** attempt, this.options.signal);
      }
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
