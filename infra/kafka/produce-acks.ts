import type { RecordMetadata } from "kafkajs";
import type { ProduceAck } from "../../core/ports/event-log.ts";

/**
 * One ack per record, in input order. kafkajs answers with one base offset per partition; records of a
 * partition are appended in input order as one batch, so the n-th of them lands at base + n.
 */
export function acksFor(partitions: readonly number[], metadata: readonly RecordMetadata[]): ProduceAck[] {
  const base = new Map<number, number>();
  for (const entry of metadata) base.set(entry.partition, Number(entry.baseOffset));
  const taken = new Map<number, number>();
  return partitions.map((partition) => {
    const start = base.get(partition);
    if (start === undefined || !Number.isSafeInteger(start)) {
      throw new Error(`kafka acknowledged no offset for partition ${partition}`);
    }
    const n = taken.get(partition) ?? 0;
    taken.set(partition, n + 1);
    return { partition, offset: start + n };
  });
}
