import type { BulkStore, Consumer, LogRecord, RawEvent, RecordBatch } from "../../core/ports/index.ts";
import { type CacheKeys, type StarlingEvent, TOPICS } from "../../schemas/index.ts";
import type { ReferenceData } from "../item-data/reference-data.ts";
import { type ApplyContext, applyEvents, applySeed } from "../state/apply-events.ts";
import { BatchWrites } from "../state/batch-writes.ts";
import { readUserStates } from "../state/read-user-states.ts";
import { seedPatches, storedRatingsBefore } from "../state/seed-from-history.ts";
import type { UserState } from "../state/user-state.ts";
import { type DeadLetter, deadLetterRecord, decodeRecords } from "./decode-records.ts";
import type { NearlineDeps, NearlineSettings } from "./nearline-context.ts";
import { PartitionCursors } from "./partition-cursors.ts";

/** The raw event as the offline tier reads it back; an impression is filed under its first item. */
function rawEvent(event: StarlingEvent): RawEvent {
  const itemId = event.type === "impression" ? (event.items[0]?.itemId ?? "") : event.itemId;
  const { eventId, type, userId, timestamp } = event;
  return { eventId, type, userId, itemId, timestamp, body: JSON.stringify(event) };
}

/** Users the cache knows nothing of start from their stored history before their first event of the batch. */
async function seedFreshUsers(
  bulk: BulkStore,
  events: readonly StarlingEvent[],
  states: ReadonlyMap<string, UserState>,
  writes: BatchWrites,
  context: ApplyContext,
): Promise<void> {
  const firstAt = new Map<string, number>();
  for (const e of events) {
    if (states.get(e.userId)?.fresh)
      firstAt.set(e.userId, Math.min(firstAt.get(e.userId) ?? e.timestamp, e.timestamp));
  }
  await Promise.all(
    [...firstAt].map(async ([userId, before]) => {
      const stored = await storedRatingsBefore(bulk, userId, before);
      applySeed(states.get(userId) as UserState, seedPatches(stored, context), writes, context);
    }),
  );
}

export interface BatchHandlerParts {
  readonly deps: NearlineDeps;
  readonly settings: NearlineSettings;
  readonly keys: CacheKeys;
  readonly reference: ReferenceData;
  readonly cursors: PartitionCursors;
  readonly guardKey: string;
  /** Called when the cache refused a write because the guard key is gone: the cache lost its data. */
  readonly onGuardLost: (consumer: Consumer) => Promise<never>;
}

/** Times each stage of a batch into the stage counter, so a benchmark can say where the time goes. */
function stageTimer(metrics: NearlineDeps["metrics"]) {
  return async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      metrics.stageSeconds.inc({ stage }, (performance.now() - started) / 1000);
    }
  };
}

function recordBatch(
  metrics: NearlineDeps["metrics"],
  topic: string,
  outcome: BatchOutcome,
  now: number,
): void {
  for (const event of outcome.applied) metrics.freshness.observe(Math.max(0, now - event.timestamp) / 1000);
  for (const d of outcome.dead) metrics.deadLetters.inc({ reason: d.reason });
  metrics.events.inc({ topic, outcome: "applied" }, outcome.applied.length);
  metrics.events.inc({ topic, outcome: "duplicate" }, outcome.duplicates);
  metrics.events.inc({ topic, outcome: "stored" }, outcome.stored);
  metrics.events.inc({ topic, outcome: "dead_letter" }, outcome.dead.length);
  metrics.cacheWrites.inc(outcome.cacheWrites);
}

interface BatchOutcome {
  readonly applied: readonly StarlingEvent[];
  readonly duplicates: number;
  readonly stored: number;
  readonly dead: readonly DeadLetter[];
  readonly cacheWrites: number;
}

/**
 * One batch of one partition: dead letters first, then raw events to the BulkStore (idempotent by event id),
 * then every state change with the next offset in one atomic cache write. Infrastructure errors propagate, so
 * the adapter redelivers the batch after a backoff; nothing is applied twice because of the checkpoint.
 */
export function createBatchHandler(parts: BatchHandlerParts) {
  const { deps, settings, keys, reference, cursors } = parts;
  const { metrics } = deps;
  const stage = stageTimer(metrics);
  const applyState = async (
    events: readonly StarlingEvent[],
    batch: RecordBatch,
    records: readonly LogRecord[],
    consumer: Consumer,
  ) => {
    const stateful = events.filter((e) => e.type !== "impression");
    const vectors = reference.vectors();
    const readSettings = { keys, recencyHalfLifeMs: settings.recencyHalfLifeMs };
    const states = await stage("read_state", () =>
      readUserStates(deps.cache, stateful, vectors, readSettings),
    );
    const writes = new BatchWrites({ keys, ...settings });
    const context = { genresOf: reference.genresOf, vectors, recencyHalfLifeMs: settings.recencyHalfLifeMs };
    await stage("seed", () => seedFreshUsers(deps.bulk, stateful, states, writes, context));
    const { applied, duplicates } = await stage("compute", () =>
      applyEvents(stateful, states, writes, context),
    );
    const cacheWrites = writes.writes(states, vectors?.version ?? null);
    const last = records[records.length - 1] as LogRecord;
    const field = PartitionCursors.field(batch.topic, batch.partition);
    const checkpoint = {
      key: keys.nearlineOffsets(),
      field,
      offset: last.offset + 1,
      guardKey: parts.guardKey,
    };
    const written = await stage("cache_write", () => deps.cache.applyAtomically(cacheWrites, checkpoint));
    if (!written && (await deps.cache.get(parts.guardKey)) === null) await parts.onGuardLost(consumer);
    const stored = events.length - stateful.length;
    return { applied, duplicates, stored, cacheWrites: cacheWrites.length };
  };
  /**
   * Raw events and state do not depend on each other: both are idempotent, and the offset is committed only
   * after both finished, so they run side by side and a batch costs the slower of the two. Every valid event of
   * the delivered batch is appended, also those the cache checkpoint says were applied: a batch whose state
   * landed but whose append failed comes back, and its raw events must still be stored.
   */
  const apply = async (admitted: readonly LogRecord[], batch: RecordBatch, consumer: Consumer) => {
    const decoded = await stage("decode", () => decodeRecords(batch.records, deps.clock.now()));
    const from = admitted[0]?.offset ?? Number.POSITIVE_INFINITY;
    const dead = decoded.dead.filter((d) => d.record.offset >= from);
    if (dead.length > 0) {
      const letters = dead.map((d) => deadLetterRecord(d, deps.clock.now()));
      await stage("dead_letters", () => deps.eventLog.produce(TOPICS.deadLetters, letters));
    }
    const all = decoded.events.map((e) => e.event);
    const events = decoded.events.filter((e) => e.record.offset >= from).map((e) => e.event);
    const [appended, state] = await Promise.allSettled([
      all.length > 0 ? stage("bulk_append", () => deps.bulk.appendEvents(all.map(rawEvent))) : undefined,
      events.length > 0 || admitted.length > 0 ? applyState(events, batch, admitted, consumer) : undefined,
    ]);
    if (appended.status === "rejected") throw appended.reason;
    if (state.status === "rejected") throw state.reason;
    return { applied: [], duplicates: 0, stored: 0, cacheWrites: 0, ...state.value, dead };
  };
  return async (batch: RecordBatch, consumer: Consumer): Promise<void> => {
    const started = performance.now();
    const admitted = await stage("checkpoint", () => cursors.admit(batch, consumer));
    metrics.events.inc({ topic: batch.topic, outcome: "skipped" }, batch.records.length - admitted.length);
    const outcome = await apply(admitted, batch, consumer);
    const last = batch.records[batch.records.length - 1] as LogRecord;
    cursors.advance(batch.topic, batch.partition, last.offset + 1);
    recordBatch(metrics, batch.topic, outcome, deps.clock.now());
    metrics.batchSeconds.observe((performance.now() - started) / 1000);
  };
}
