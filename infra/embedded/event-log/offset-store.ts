import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { DataFileError } from "../../../core/errors.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { closedError } from "./event-log-errors.ts";

/** `groups/<sha256(groupId)>.json`: one group's committed next offsets, replaced atomically on every commit. */
interface GroupFile {
  version: 1;
  groupId: string;
  offsets: Record<string, Record<string, number>>;
}

/** Offsets per topic, then per partition. */
type GroupOffsets = Map<string, Map<number, number>>;

interface WriteChain {
  /** The last write started (its failure swallowed, so the chain goes on). */
  current: Promise<void>;
  /** A write queued behind `current` that will include every commit made until it starts. */
  queued?: Promise<void>;
}

/** The file name of a group: a hash, so any group id gives a short, safe name (the id itself is inside). */
export function groupFileName(groupId: string): string {
  return `${createHash("sha256").update(groupId).digest("hex")}.json`;
}

/**
 * Committed offsets of every consumer group, persisted one file per group. A commit shows in {@link get}
 * only once its file write succeeded, so a failed write never reports offsets that a restart would lose.
 */
export class OffsetStore {
  private readonly offsets = new Map<string, GroupOffsets>();
  /** Commits not yet taken by a write, per group. */
  private readonly pending = new Map<string, GroupOffsets>();
  private readonly chains = new Map<string, WriteChain>();
  private closed = false;

  private constructor(
    private readonly groupsDir: string,
    private readonly fsync: boolean,
  ) {}

  /** Load every group's committed offsets from `dir/groups`. */
  static async open(dir: string, fsync: boolean): Promise<OffsetStore> {
    const store = new OffsetStore(join(dir, "groups"), fsync);
    await mkdir(store.groupsDir, { recursive: true });
    await store.loadAll();
    return store;
  }

  /** The committed next offset, or undefined when the group never committed this partition. */
  get(groupId: string, topic: string, partition: number): number | undefined {
    return this.offsets.get(groupId)?.get(topic)?.get(partition);
  }

  /** Record a commit; resolves once it is durable. Commits arriving during a write share the next one. */
  commit(groupId: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    const group = this.pending.get(groupId) ?? new Map<string, Map<number, number>>();
    this.pending.set(groupId, group);
    setOffset(group, topic, partition, nextOffset);
    return this.persist(groupId);
  }

  /** Wait for every queued write. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.chains.values()].map((chain) => chain.queued ?? chain.current));
  }

  private persist(groupId: string): Promise<void> {
    const chain = this.chains.get(groupId) ?? { current: Promise.resolve() };
    this.chains.set(groupId, chain);
    if (chain.queued) return chain.queued;
    const write = chain.current.then(() => {
      chain.queued = undefined;
      return this.writeGroup(groupId);
    });
    chain.queued = write;
    chain.current = write.catch(() => undefined);
    return write;
  }

  /** Write the committed offsets plus the pending ones; they count as committed once the write succeeded. */
  private async writeGroup(groupId: string): Promise<void> {
    const taken = this.pending.get(groupId) ?? new Map<string, Map<number, number>>();
    this.pending.delete(groupId);
    const next = mergeOffsets(this.offsets.get(groupId), taken);
    await this.writeFile(groupId, next);
    // Writes of one group run one at a time, so nothing else changed its offsets meanwhile.
    this.offsets.set(groupId, next);
  }

  private writeFile(groupId: string, offsets: GroupOffsets): Promise<void> {
    const content: GroupFile = { version: 1, groupId, offsets: {} };
    for (const [topic, partitions] of offsets) content.offsets[topic] = Object.fromEntries(partitions);
    const path = join(this.groupsDir, groupFileName(groupId));
    return writeFileAtomic(path, `${JSON.stringify(content)}\n`, this.fsync);
  }

  /** Load every group file; files from before hashed names are loaded first and then renamed. */
  private async loadAll(): Promise<void> {
    const names = (await readdir(this.groupsDir)).filter((name) => name.endsWith(".json"));
    const legacy: { name: string; file: GroupFile }[] = [];
    for (const name of names) {
      const file = await readGroupFile(join(this.groupsDir, name));
      if (name === groupFileName(file.groupId)) this.load(file);
      else legacy.push({ name, file });
    }
    for (const { name, file } of legacy) {
      // A file under the hashed name is newer: only writes since the rename produce it.
      if (!this.offsets.has(file.groupId)) {
        this.load(file);
        await this.writeFile(file.groupId, this.offsets.get(file.groupId) ?? new Map());
      }
      await rm(join(this.groupsDir, name), { force: true });
    }
  }

  private load(file: GroupFile): void {
    const group: GroupOffsets = new Map();
    for (const [topic, partitions] of Object.entries(file.offsets)) {
      group.set(topic, new Map(Object.entries(partitions).map(([p, offset]) => [Number(p), offset])));
    }
    this.offsets.set(file.groupId, group);
  }
}

function setOffset(group: GroupOffsets, topic: string, partition: number, nextOffset: number): void {
  const partitions = group.get(topic) ?? new Map<number, number>();
  group.set(topic, partitions);
  partitions.set(partition, nextOffset);
}

/** A copy of `base` with every offset of `updates` applied over it. */
function mergeOffsets(base: GroupOffsets | undefined, updates: GroupOffsets): GroupOffsets {
  const merged: GroupOffsets = new Map();
  for (const [topic, partitions] of base ?? []) merged.set(topic, new Map(partitions));
  for (const [topic, partitions] of updates) {
    for (const [partition, offset] of partitions) setOffset(merged, topic, partition, offset);
  }
  return merged;
}

async function readGroupFile(path: string): Promise<GroupFile> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as GroupFile;
    if (parsed?.version !== 1 || typeof parsed.groupId !== "string" || typeof parsed.offsets !== "object") {
      throw new Error("unexpected shape");
    }
    return parsed;
  } catch (error) {
    throw new DataFileError(`${path} is not a valid committed-offsets file`, error);
  }
}
