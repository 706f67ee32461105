import type { ICustomPartitioner } from "kafkajs";
import { murmur2, partitionForKey } from "../../core/partitioner.ts";

/**
 * A kafkajs partitioner that places keyed records exactly like the Java client (our murmur2 in
 * core/partitioner.ts), so Kafka Streams or Java producers agree with us; an explicit partition wins.
 */
export const javaCompatiblePartitioner: ICustomPartitioner =
  () =>
  ({ partitionMetadata, message }) => {
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    const key = message.key;
    if (Buffer.isBuffer(key)) return (murmur2(key) & 0x7fffffff) % partitionMetadata.length;
    return partitionForKey(key ?? "", partitionMetadata.length);
  };
