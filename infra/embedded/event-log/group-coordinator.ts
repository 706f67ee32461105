import type { Logger } from "../../../core/logger.ts";
import type { FileConsumer } from "./file-consumer.ts";
import { rangeAssign } from "./range-assign.ts";
import { parseTpKey, tpKey } from "./topic-partition.ts";

/** What a group needs to know about the log to place its members. */
export interface GroupLogView {
  partitionCount(topic: string): number;
  endOffset(topic: string, partition: number): number;
  committed(groupId: string, topic: string, partition: number): number | undefined;
}

/**
 * One in-process consumer group. On every join or leave it range-assigns the partitions again; a
 * partition that moves is first revoked from its owner (whose batch in flight finishes and commits)
 * and only then granted to the new owner, so a partition never has two owners at once.
 */
export class GroupCoordinator {
  private readonly members = new Map<string, FileConsumer>();
  /** Current owner of each partition (including one being revoked). */
  private readonly owners = new Map<string, FileConsumer>();
  private readonly revocations = new Map<string, { owner: FileConsumer; done: Promise<void> }>();
  /** Where a revoked owner stopped, for partitions the group never committed. */
  private readonly handoffPositions = new Map<string, number>();
  private target = new Map<string, string>();

  constructor(
    private readonly groupId: string,
    private readonly log: GroupLogView,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.members.size;
  }

  join(member: FileConsumer): void {
    this.members.set(member.memberId, member);
    this.logger.debug("member joined", { groupId: this.groupId, memberId: member.memberId });
    this.rebalance();
  }

  /** Remove a member; resolves once its partitions are revoked (and handed on). */
  async leave(member: FileConsumer): Promise<void> {
    if (!this.members.delete(member.memberId)) return;
    this.logger.debug("member left", { groupId: this.groupId, memberId: member.memberId });
    this.rebalance();
    const mine = [...this.revocations.values()].filter((revocation) => revocation.owner === member);
    await Promise.all(mine.map((revocation) => revocation.done));
    // An empty group starts over like a restarted one: from its commits or its reset policy.
    if (this.members.size === 0) this.handoffPositions.clear();
  }

  private rebalance(): void {
    const members = [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      topics: m.options.topics,
    }));
    this.target = new Map();
    for (const [topic, owners] of rangeAssign(members, (t) => this.log.partitionCount(t))) {
      owners.forEach((memberId, partition) => {
        this.target.set(tpKey(topic, partition), memberId);
      });
    }
    for (const [key, owner] of this.owners) {
      if (this.target.get(key) !== owner.memberId && !this.revocations.has(key)) this.revoke(key, owner);
    }
    for (const [key, memberId] of this.target) {
      if (!this.owners.has(key)) this.grant(key, memberId);
    }
  }

  private revoke(key: string, owner: FileConsumer): void {
    const { topic, partition } = parseTpKey(key);
    const done = owner
      .revoke(topic, partition)
      .then((position) => {
        if (position !== undefined) this.handoffPositions.set(key, position);
      })
      .finally(() => {
        this.owners.delete(key);
        this.revocations.delete(key);
        const next = this.target.get(key);
        if (next !== undefined) this.grant(key, next);
      })
      // Nobody may be waiting on a revocation that a join started, so it must never reject.
      .catch((error: unknown) => {
        this.logger.error("handing over a partition failed", {
          groupId: this.groupId,
          key,
          error: String(error),
        });
      });
    this.revocations.set(key, { owner, done });
  }

  private grant(key: string, memberId: string): void {
    const member = this.members.get(memberId);
    if (!member) return;
    const { topic, partition } = parseTpKey(key);
    this.owners.set(key, member);
    member.assign(topic, partition, this.startPosition(topic, partition, member));
  }

  private startPosition(topic: string, partition: number, member: FileConsumer): number {
    const committed = this.log.committed(this.groupId, topic, partition);
    if (committed !== undefined) return committed;
    const handedOff = this.handoffPositions.get(tpKey(topic, partition));
    if (handedOff !== undefined) return handedOff;
    return member.options.fromBeginning ? 0 : this.log.endOffset(topic, partition);
  }
}
