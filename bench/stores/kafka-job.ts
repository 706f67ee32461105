/**
 * Section job of bench/stores.bench.ts: produce and consume throughput of KafkaEventLog against kafkajs
 * used directly (and the broker's ProducerPerformance when its jar is there), alternated run by run.
 */
import { resolve } from "node:path";
import type { ProduceRecord } from "../../core/ports/event-log.ts";
import { statusKafka } from "../../infra/local/kafka/index.ts";
import { alternate, type Side } from "./alternate.ts";
import { endpointOf, randomSuffix, sharedLauncher } from "./endpoints.ts";
import {
  producerPerformance,
  producerPerformanceJar,
  producerPerformanceMissing,
} from "./kafka-perf-tool.ts";
import {
  type ConsumeTiming,
  deleteKafkaNamespace,
  type KafkaSide,
  ourKafkaSide,
  rawKafkaSide,
} from "./kafka-sides.ts";
import { chunks, eventJson, userId } from "./sample-data.ts";
import { emit, failedResult, jobParams, progress, ratios, type Series } from "./section-result.ts";

export interface KafkaParams {
  runs: number;
  /** Events per run for the batched produce and the consume. */
  events: number;
  batch: number;
  /** Events per run for the one-record-per-produce measure. */
  singleEvents: number;
  users: number;
  partitions: number;
  eventBytes: number;
}

interface KafkaRun {
  singleSeconds: number;
  batchSeconds: number;
  consume: ConsumeTiming;
}

const WARM_UP_SHARE = 10;

function records(count: number, params: KafkaParams, offset: number): ProduceRecord[] {
  // Recent times: records older than the broker's retention (24 h locally) get deleted under the consumer.
  const base = Date.now() - count;
  return Array.from({ length: count }, (_, i) => {
    const user = userId(offset + i, params.users);
    return { key: user, value: eventJson(offset + i, user, params.eventBytes), timestamp: base + i };
  });
}

/** One run of one side: its own topics, single produces, batched produces, then a fresh group consumes. */
function sideRun(
  side: KafkaSide,
  params: KafkaParams,
  data: { single: ProduceRecord[]; batched: ProduceRecord[] },
) {
  return async (run: number): Promise<KafkaRun> => {
    const share = run === 0 ? WARM_UP_SHARE : 1;
    const single = data.single.slice(0, data.single.length / share);
    const batched = data.batched.slice(0, data.batched.length / share);
    const tag = `${side.name === "KafkaEventLog" ? "ours" : "raw"}-r${run}`;
    await side.createTopic(`${tag}-single`, params.partitions);
    await side.createTopic(`${tag}-batched`, params.partitions);
    const singleSeconds = await side.produce(`${tag}-single`, chunks(single, 1));
    const batchSeconds = await side.produce(`${tag}-batched`, chunks(batched, params.batch));
    const consume = await side.consume(`${tag}-batched`, `${tag}-group`, batched.length);
    return { singleSeconds, batchSeconds, consume };
  };
}

async function toolSide(brokers: string[], prefix: string, params: KafkaParams, raw: KafkaSide) {
  const libDir = resolve((await statusKafka(sharedLauncher())).runDir, "lib");
  const missing = producerPerformanceMissing(libDir);
  if (missing !== undefined) return { missing };
  const side: Side<number> = {
    name: "ProducerPerformance",
    run: async (run) => {
      const records = Math.ceil(params.events / (run === 0 ? WARM_UP_SHARE : 1));
      await raw.createTopic(`tool-r${run}`, params.partitions);
      return producerPerformance(libDir, brokers, `${prefix}tool-r${run}`, records, params.eventBytes);
    },
  };
  return { side, jar: producerPerformanceJar(libDir) };
}

function series(
  params: KafkaParams,
  ours: KafkaRun[],
  raw: KafkaRun[],
  tool: number[] | undefined,
): Series[] {
  const rate = (runs: KafkaRun[], pick: (r: KafkaRun) => number, count: number) =>
    runs.map((r) => count / pick(r));
  const figures = (label: string, pick: (r: KafkaRun) => number, count: number): Series[] => {
    const a = rate(ours, pick, count);
    const b = rate(raw, pick, count);
    return [
      { measure: `Kafka ${label}: KafkaEventLog`, unit: "events/s", values: a },
      { measure: `Kafka ${label}: raw kafkajs`, unit: "events/s", values: b },
      { measure: `Kafka ${label}: ours / raw`, unit: "ratio", values: ratios(a, b) },
    ];
  };
  const out = [
    ...figures("produce, batch 1", (r) => r.singleSeconds, params.singleEvents),
    ...figures(`produce, batch ${params.batch}`, (r) => r.batchSeconds, params.events),
    ...figures("consume, subscribe to last record", (r) => r.consume.totalSeconds, params.events),
  ];
  const firstMs = (runs: KafkaRun[]) => runs.map((r) => r.consume.firstSeconds * 1000);
  out.push(
    { measure: "Kafka consume, subscribe to first record: KafkaEventLog", unit: "ms", values: firstMs(ours) },
    { measure: "Kafka consume, subscribe to first record: raw kafkajs", unit: "ms", values: firstMs(raw) },
  );
  if (tool !== undefined) {
    out.push({ measure: "Kafka produce: broker's ProducerPerformance", unit: "events/s", values: tool });
  }
  return out;
}

async function measure(brokers: string[], prefix: string, params: KafkaParams, notes: string[]) {
  const data = {
    single: records(params.singleEvents, params, 0),
    batched: records(params.events, params, params.singleEvents),
  };
  const ours = await ourKafkaSide(brokers, prefix);
  const raw = await rawKafkaSide(brokers, prefix);
  try {
    const tool = await toolSide(brokers, prefix, params, raw);
    if (tool.missing !== undefined) notes.push(tool.missing);
    const sides: Side<unknown>[] = [
      { name: ours.name, run: sideRun(ours, params, data) },
      { name: raw.name, run: sideRun(raw, params, data) },
      ...(tool.side ? [tool.side] : []),
    ];
    const results = await alternate("kafka", params.runs, sides);
    const runs = {
      ours: results[ours.name] as KafkaRun[],
      raw: results[raw.name] as KafkaRun[],
      tool: tool.side ? (results[tool.side.name] as number[]) : undefined,
    };
    return { series: series(params, runs.ours, runs.raw, runs.tool), runs };
  } finally {
    await Promise.all([ours.close(), raw.close()]);
  }
}

async function main(): Promise<void> {
  const params = jobParams<KafkaParams>();
  const endpoint = await endpointOf("kafka");
  if (typeof endpoint === "string") {
    emit({ section: "kafka", series: [], notes: [`Kafka rows missing: ${endpoint}`], details: {} });
    return;
  }
  const { brokers } = endpoint;
  const prefix = `bench_stores_${randomSuffix()}.`;
  progress(`kafka at ${brokers.join(",")}, namespace ${prefix}*`);
  const notes: string[] = [];
  try {
    const { series, runs } = await measure(brokers, prefix, params, notes);
    emit({ section: "kafka", series, notes, details: { brokers, namespace: prefix, runs } });
  } catch (error) {
    emit(failedResult("kafka", "Kafka", error, notes));
  } finally {
    const deleted = await deleteKafkaNamespace(brokers, prefix).catch((e: Error) => `nothing (${e.message})`);
    progress(`kafka cleanup: deleted ${deleted}`);
  }
}

await main();
