/** A group member and the topics it subscribed to. */
export interface MemberTopics {
  readonly memberId: string;
  readonly topics: readonly string[];
}

/**
 * Kafka's range assignor: for each topic, its subscribers sorted by member id get contiguous ranges
 * of partitions, the first `partitions % members` of them one more than the rest.
 * Returns, per topic with at least one subscriber, the owning member id of each partition.
 */
export function rangeAssign(
  members: readonly MemberTopics[],
  partitionCount: (topic: string) => number,
): Map<string, string[]> {
  const sorted = [...members].sort((a, b) =>
    a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0,
  );
  const topics = new Set(sorted.flatMap((member) => member.topics));
  const owners = new Map<string, string[]>();
  for (const topic of topics) {
    const subscribers = sorted.filter((member) => member.topics.includes(topic));
    const partitions = partitionCount(topic);
    const base = Math.floor(partitions / subscribers.length);
    const extra = partitions % subscribers.length;
    const byPartition: string[] = [];
    subscribers.forEach((member, i) => {
      const count = base + (i < extra ? 1 : 0);
      for (let n = 0; n < count; n++) byPartition.push(member.memberId);
    });
    owners.set(topic, byPartition);
  }
  return owners;
}
