import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataFileError } from "../../../core/errors.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { closedError } from "./event-log-errors.ts";

/** `groups/<base64url(groupId)>.json`: one group's committed next offsets, replaced atomically on every commit. */
interface GroupFile {
  version: 1;
  groupId: string;
  offsets: Record<string, Record<string, number>>;
}

interface WriteChain {
  /** The last write started (its failure swallowed, so the chain goes on). */
  current: Promise<void>;
  /** A write queued behind `current` that will include every commit made until it starts. */
  queued?: Promise<void>;
}

/** Committed offsets of every consumer group, kept in memory and persisted one file per group. */
export class OffsetStore {
  private readonly offsets = new Map<string, Map<string, Map<number, number>>>();
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
    for (const name of await readdir(store.groupsDir)) {
      if (name.endsWith(".json")) store.load(await readGroupFile(join(store.groupsDir, name)));
    }
    return store;
  }

  /** The committed next offset, or undefined when the group never committed this partition. */
  get(groupId: string, topic: string, partition: number): number | undefined {
    return this.offsets.get(groupId)?.get(topic)?.get(partition);
  }

  /** Record a commit; resolves once it is durable. Commits arriving during a write share the next one. */
  commit(groupId: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    const group = this.offsets.get(groupId) ?? new Map<string, Map<number, number>>();
    this.offsets.set(groupId, group);
    const partitions = group.get(topic) ?? new Map<number, number>();
    group.set(topic, partitions);
    partitions.set(partition, nextOffset);
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

  private writeGroup(groupId: string): Promise<void> {
    const content: GroupFile = { version: 1, groupId, offsets: {} };
    for (const [topic, partitions] of this.offsets.get(groupId) ?? []) {
      content.offsets[topic] = Object.fromEntries(partitions);
    }
    const path = join(this.groupsDir, `${Buffer.from(groupId).toString("base64url")}.json`);
    return writeFileAtomic(path, `${JSON.stringify(content)}\n`, this.fsync);
  }

  private load(file: GroupFile): void {
    const group = new Map<string, Map<number, number>>();
    for (const [topic, partitions] of Object.entries(file.offsets)) {
      group.set(topic, new Map(Object.entries(partitions).map(([p, offset]) => [Number(p), offset])));
    }
    this.offsets.set(file.groupId, group);
  }
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
