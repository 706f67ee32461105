import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataFileError } from "../../../core/errors.ts";
import type { Logger } from "../../../core/logger.ts";
import type { TopicSpec } from "../../../core/ports/event-log.ts";
import { fsyncDir, writeFileAtomic } from "./atomic-write.ts";
import { PartitionFile } from "./partition-file.ts";
import { validateTopicSpecs } from "./validate-input.ts";

/** `topics.json`: which topics exist and their partition counts; partition files live in `topics/<name>/<n>.log`. */
interface TopicsFile {
  version: 1;
  topics: Record<string, { partitions: number }>;
}

export interface TopicRegistryOptions {
  readonly dir: string;
  readonly fsync: boolean;
  readonly logger: Logger;
}

/** The topics of one log directory and their open partition files. */
export class TopicRegistry {
  private readonly topics = new Map<string, readonly PartitionFile[]>();
  private creating: Promise<void> = Promise.resolve();

  private constructor(private readonly options: TopicRegistryOptions) {}

  /** Load the topic list and open (and repair) every partition file. */
  static async open(options: TopicRegistryOptions): Promise<TopicRegistry> {
    const registry = new TopicRegistry(options);
    const saved = await readTopicsFile(registry.metadataPath);
    try {
      for (const [name, { partitions }] of Object.entries(saved.topics)) {
        registry.topics.set(name, await registry.openPartitions(name, partitions));
      }
    } catch (error) {
      await registry.close();
      throw error;
    }
    return registry;
  }

  /** The partition files of a topic, indexed by partition, or undefined when it does not exist. */
  get(topic: string): readonly PartitionFile[] | undefined {
    return this.topics.get(topic);
  }

  /** Create the topics that do not exist yet; calls run one after another. */
  create(specs: readonly TopicSpec[]): Promise<void> {
    validateTopicSpecs(specs);
    const run = this.creating.then(() => this.createMissing(specs));
    this.creating = run.catch(() => undefined);
    return run;
  }

  /** Close every partition file (waiting for queued appends). */
  async close(): Promise<void> {
    await this.creating;
    const files = [...this.topics.values()].flat();
    this.topics.clear();
    await Promise.all(files.map((file) => file.close()));
  }

  private get metadataPath(): string {
    return join(this.options.dir, "topics.json");
  }

  private async createMissing(specs: readonly TopicSpec[]): Promise<void> {
    const fresh = specs.filter((spec, i) => !this.topics.has(spec.name) && firstWithName(specs, spec, i));
    if (fresh.length === 0) return;
    const opened = new Map<string, readonly PartitionFile[]>();
    try {
      for (const spec of fresh) opened.set(spec.name, await this.openPartitions(spec.name, spec.partitions));
      if (this.options.fsync) await fsyncDir(join(this.options.dir, "topics"));
      // Files first, then the topic list: a crash in between leaves unlisted files, never a listed topic without them.
      await this.saveTopicsFile(opened);
    } catch (error) {
      await Promise.all([...opened.values()].flat().map((file) => file.close()));
      throw error;
    }
    for (const [name, files] of opened) this.topics.set(name, files);
  }

  private async openPartitions(topic: string, count: number): Promise<PartitionFile[]> {
    const topicDir = join(this.options.dir, "topics", topic);
    await mkdir(topicDir, { recursive: true });
    const files: PartitionFile[] = [];
    for (let partition = 0; partition < count; partition++) {
      const { fsync, logger } = this.options;
      files.push(
        await PartitionFile.open(join(topicDir, `${partition}.log`), { topic, partition, fsync, logger }),
      );
    }
    if (this.options.fsync) await fsyncDir(topicDir);
    return files;
  }

  private async saveTopicsFile(added: ReadonlyMap<string, readonly PartitionFile[]>): Promise<void> {
    const content: TopicsFile = { version: 1, topics: {} };
    for (const [name, files] of [...this.topics, ...added])
      content.topics[name] = { partitions: files.length };
    await writeFileAtomic(this.metadataPath, `${JSON.stringify(content, null, 2)}\n`, this.options.fsync);
  }
}

function firstWithName(specs: readonly TopicSpec[], spec: TopicSpec, index: number): boolean {
  return specs.findIndex((other) => other.name === spec.name) === index;
}

async function readTopicsFile(path: string): Promise<TopicsFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, topics: {} };
    throw new DataFileError(`cannot read ${path}`, error);
  }
  try {
    const parsed = JSON.parse(text) as TopicsFile;
    if (parsed?.version !== 1 || typeof parsed.topics !== "object") throw new Error("unexpected shape");
    validateTopicSpecs(
      Object.entries(parsed.topics).map(([name, t]) => ({ name, partitions: t?.partitions })),
    );
    return parsed;
  } catch (error) {
    throw new DataFileError(`${path} is not a valid topic list`, error);
  }
}
