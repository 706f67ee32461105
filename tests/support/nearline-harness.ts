import { randomUUID } from "node:crypto";
import { nearlineSettings } from "../../bin/nearline-settings.ts";
import { systemClock } from "../../core/clock.ts";
import type { Config } from "../../core/config/index.ts";
import { createLogger } from "../../core/logger.ts";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import type { EventLog, FeatureCache, LogRecord } from "../../core/ports/index.ts";
import type { Adapters } from "../../infra/create-adapters.ts";
import {
  createNearlineMetrics,
  NEARLINE_TOPICS,
  type NearlineMetrics,
  type NearlineSettings,
  type RunningNearline,
  startNearline,
} from "../../nearline/index.ts";
import { cacheKeys, TOPICS } from "../../schemas/index.ts";

/** One nearline group member, as a process would run it. */
export interface RunningMember {
  readonly nearline: RunningNearline;
  readonly metrics: NearlineMetrics;
  /** Reasons passed to onStall (a healthy run has none). */
  readonly stalls: string[];
  /** The member's warnings and errors, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** One scenario's own stores on one profile: its own state dir (embedded) or namespace (services). */
export interface NearlineWorld {
  readonly profile: "embedded" | "services";
  readonly config: Config;
  readonly settings: NearlineSettings;
  /** The test's own connections: producing, reference data, checks. */
  readonly stores: Omit<Adapters, "close">;
  /** Starts a group member: its own connections on services, the shared embedded log and cache otherwise. */
  startMember(env?: Readonly<Record<string, string>>): Promise<RunningMember>;
  /** Loses every cache key at once, as a Redis restart without persistence does. */
  loseCache(): Promise<void>;
  /** Stops the members still running and removes everything the scenario created. */
  close(): Promise<void>;
}

/** How a test file gets worlds of one profile. */
export interface NearlineProfile {
  readonly name: "embedded" | "services";
  open(): Promise<NearlineWorld>;
}

/** The settings the scenarios run with: the configured ones with a quick progress check. */
export function scenarioSettings(config: Config): NearlineSettings {
  return { ...nearlineSettings(config), checkIntervalMs: 200 };
}

/** Starts the nearline on these ports with its own metrics, a recording onStall and a captured log. */
export async function startMemberOn(
  ports: Omit<Adapters, "close">,
  settings: NearlineSettings,
  release: () => Promise<void> = async () => {},
): Promise<RunningMember> {
  const lines: string[] = [];
  const logger = createLogger("warn", "nearline-test", (line) => {
    if (lines.length < 200) lines.push(line);
  });
  const metrics = createNearlineMetrics();
  const stalls: string[] = [];
  const deps = { ...ports, clock: systemClock, logger, metrics, newId: () => randomUUID() };
  const nearline = await startNearline(deps, settings, (reason) => stalls.push(reason));
  await nearline.consumer.ready();
  let stopped: Promise<void> | undefined;
  return {
    nearline,
    metrics,
    stalls,
    log: () => lines.join("\n"),
    stop: () => {
      stopped ??= nearline.stop().finally(release);
      return stopped;
    },
  };
}

/** Sum of a counter's values whose labels include `labels`. */
export async function counterValue(
  metric: { get(): Promise<{ values: { value: number; labels: object }[] }> },
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  const matching = values.filter((v) =>
    wanted.every(([k, want]) => (v.labels as Record<string, unknown>)[k] === want),
  );
  return matching.reduce((sum, v) => sum + v.value, 0);
}

/** Applied (the cache checkpoints) and produced (the end offsets) records over the nearline topics. */
export async function progress(stores: {
  eventLog: EventLog;
  cache: FeatureCache;
}): Promise<{ applied: number; end: number; behind: string[] }> {
  let applied = 0;
  let end = 0;
  const behind: string[] = [];
  for (const topic of NEARLINE_TOPICS) {
    const ends = await stores.eventLog.endOffsets(topic);
    const fields = ends.map((_, p) => `${topic}:${p}`);
    const checkpoints = await Promise.all(
      fields.map((field) => stores.cache.getCheckpoint(cacheKeys().nearlineOffsets(), field)),
    );
    ends.forEach((e, p) => {
      const at = Math.min(checkpoints[p] ?? 0, e);
      applied += at;
      end += e;
      if (at < e) behind.push(`${fields[p]} at ${at} of ${e}`);
    });
  }
  return { applied, end, behind };
}

/** Waits until every partition's cache checkpoint reached its end offset: the lag drained. */
export async function waitForDrain(
  stores: { eventLog: EventLog; cache: FeatureCache },
  timeoutMs = 60_000,
  describe: () => string = () => "",
): Promise<void> {
  let last: string[] = [];
  await waitFor(
    async () => {
      last = (await progress(stores)).behind;
      return last.length === 0;
    },
    { timeoutMs, intervalMs: 100, message: "the lag to drain" },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; still behind: ${last.join(", ")}\n${describe()}`);
  });
}

/** Every record of the dead-letter topic, read by a fresh group from the start. */
export async function readDeadLetters(eventLog: EventLog, timeoutMs = 30_000): Promise<LogRecord[]> {
  const ends = await eventLog.endOffsets(TOPICS.deadLetters);
  const total = ends.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const records: LogRecord[] = [];
  const consumer = await eventLog.subscribe({
    groupId: `test.dlq.${randomUUID()}`,
    topics: [TOPICS.deadLetters],
    fromBeginning: true,
    handler: async (batch) => {
      records.push(...batch.records);
    },
  });
  try {
    await waitFor(() => records.length >= total, { timeoutMs, message: `${total} dead letters` });
  } finally {
    await consumer.stop();
  }
  return records;
}
