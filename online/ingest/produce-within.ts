import type { EventLog, ProduceAck, ProduceRecord } from "../../core/ports/event-log.ts";

/** The records of one request bound for one topic, with their indexes in the request. */
export interface TopicGroup {
  readonly topic: string;
  readonly indexes: readonly number[];
  readonly records: readonly ProduceRecord[];
}

export type TopicResult = { ok: true; acks: ProduceAck[] } | { ok: false; error: unknown };

/** What the log answered before the deadline: topics missing from `settled` were not answered in time. */
export interface ProduceReport {
  readonly settled: ReadonlyMap<string, TopicResult>;
  readonly timedOut: boolean;
}

/**
 * Produce every group (one call per topic, all at once) and wait for the acks, but never past `deadlineMs`:
 * a producer that retries forever (kafkajs' idempotent one while the broker is down) must not hold the request.
 */
export async function produceWithin(
  log: EventLog,
  groups: readonly TopicGroup[],
  deadlineMs: number,
): Promise<ProduceReport> {
  const settled = new Map<string, TopicResult>();
  const all = Promise.all(
    groups.map((group) =>
      produceOne(log, group).then((result) => {
        settled.set(group.topic, result);
      }),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), deadlineMs);
  });
  const winner = await Promise.race([all.then(() => "done" as const), timeout]);
  clearTimeout(timer);
  // A snapshot: acks arriving after the deadline must not change an answer already being built.
  return { settled: new Map(settled), timedOut: winner === "timeout" };
}

/** Never rejects, so a late failure after the deadline cannot become an unhandled rejection. */
function produceOne(log: EventLog, group: TopicGroup): Promise<TopicResult> {
  return Promise.resolve()
    .then(() => log.produce(group.topic, group.records))
    .then(
      (acks): TopicResult => ({ ok: true, acks }),
      (error: unknown): TopicResult => ({ ok: false, error }),
    );
}
