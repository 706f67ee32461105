import type { EventLog, ProduceAck, ProduceRecord, TopicSpec } from "../../core/ports/event-log.ts";

/** One produce call seen by {@link RecordingEventLog}. */
export interface ProduceCall {
  readonly topic: string;
  readonly records: readonly ProduceRecord[];
  /** Resolve or reject the call by hand when the log was made with `manual: true`. */
  readonly ack: () => void;
  readonly fail: (error: unknown) => void;
}

/**
 * A test double of the EventLog's producing side: keeps every call, acknowledges at once or by hand,
 * and can fail calls on demand. Consuming is not supported.
 */
export class RecordingEventLog implements EventLog {
  readonly calls: ProduceCall[] = [];
  readonly topics = new Map<string, number>();
  /** Called on each produce call before it is acknowledged; a throw fails that call. */
  beforeAck: (call: ProduceCall) => void = () => undefined;
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly manual = false) {}

  async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    for (const spec of specs) if (!this.topics.has(spec.name)) this.topics.set(spec.name, spec.partitions);
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    return this.topics.get(topic);
  }

  produce(topic: string, records: readonly ProduceRecord[]): Promise<ProduceAck[]> {
    if (!this.topics.has(topic)) return Promise.reject(new Error(`unknown topic ${topic}`));
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<ProduceAck[]>((resolve, reject) => {
      const done = () => this.inFlight--;
      const call: ProduceCall = {
        topic,
        records,
        ack: () => {
          done();
          resolve(records.map((_, offset) => ({ partition: 0, offset })));
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      this.calls.push(call);
      if (this.manual) return;
      try {
        this.beforeAck(call);
        call.ack();
      } catch (error) {
        call.fail(error);
      }
    });
  }

  /** Values of every produced record of a topic, in produce order. */
  values(topic: string): unknown[] {
    return this.calls
      .filter((call) => call.topic === topic)
      .flatMap((call) => call.records.map((r) => JSON.parse(r.value ?? "null")));
  }

  subscribe(): never {
    throw new Error("RecordingEventLog does not support consuming");
  }

  async endOffsets(): Promise<number[]> {
    return [];
  }

  async committedOffsets(): Promise<number[]> {
    return [];
  }

  async close(): Promise<void> {}
}
