import type { Kafka, Producer } from "kafkajs";
import { javaCompatiblePartitioner } from "./java-partitioner.ts";

function newProducer(kafka: Kafka): Producer {
  // Idempotent: a retried send is never written twice; it needs one request in flight to keep order.
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: javaCompatiblePartitioner,
  });
}

/**
 * The idempotent producer, replaced after any failed send. kafkajs does not advance its sequence numbers
 * when a send fails, yet the broker may have written that batch (the answer was lost in a broker crash);
 * the next batch would then reuse the sequence, be taken for a duplicate and "acknowledged" without being
 * written. A fresh producer gets a new producer id, so its sequences cannot collide with the lost ones.
 */
export class ProducerSlot {
  private producer: Producer;
  private connecting: Promise<void>;

  constructor(private readonly kafka: Kafka) {
    this.producer = newProducer(kafka);
    this.connecting = this.producer.connect();
  }

  /** The connected producer; reconnects a fresh one when the last connect failed. */
  async current(): Promise<Producer> {
    try {
      await this.connecting;
    } catch {
      this.replace();
      await this.connecting;
    }
    return this.producer;
  }

  /** Drop `failed` (if it is still the current one) and start a fresh producer. */
  discard(failed: Producer): void {
    if (failed === this.producer) this.replace();
  }

  private replace(): void {
    const old = this.producer;
    old.disconnect().catch(() => undefined);
    this.producer = newProducer(this.kafka);
    this.connecting = this.producer.connect();
    this.connecting.catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.connecting.catch(() => undefined);
    await this.producer.disconnect();
  }
}
