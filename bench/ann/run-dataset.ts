import { ExactAnnIndex, LshAnnIndex } from "../../core/ann/index.ts";
import type { AnnIndex, LshParams } from "../../core/ports/ann-index.ts";
import { createAnnIndexFactory, DEFAULT_HNSW_PARAMS, HnswAnnIndex } from "../../infra/ann/index.ts";
import { spread } from "../lib/stats.ts";
import { centroidNorm, meanRecall, searchAll, timed, timedPass } from "./measure.ts";
import type { BenchDataset, ConfigResult, DatasetResult } from "./types.ts";

export interface RunOptions {
  passes: number;
  efs: readonly number[];
  lshSettings: readonly LshParams[];
  log: (line: string) => void;
}

/** An index under test with what building and reloading it cost. */
interface Entry {
  result: Omit<ConfigResult, "recallAt10" | "qps" | "ratioToExact">;
  index: AnnIndex;
}

const factory = createAnnIndexFactory();

/** Builds every configuration on `data`, measures recall@10 against exact search, then times them in turns. */
export function runDataset(data: BenchDataset, options: RunOptions): DatasetResult {
  const { log } = options;
  log(`\n## ${data.name}: ${data.description}`);
  const entries = buildAll(data, options);
  log(`  exact search for the ground truth of ${data.queries.length} queries`);
  const truth = searchAll(entries[0]?.index as AnnIndex, data);
  // The recall pass doubles as every index's warm-up before the timed passes.
  const recalls = entries.map((entry) => meanRecall(truth, searchAll(entry.index, data)));
  const qps: number[][] = entries.map(() => []);
  for (let pass = 1; pass <= options.passes; pass++) {
    // One pass runs every configuration once (A B C ... A B C ...), so drift on a shared machine hits all alike.
    for (const [i, entry] of entries.entries()) qps[i]?.push(timedPass(entry.index, data));
    const exact = qps[0]?.at(-1) ?? 0;
    log(`  timed pass ${pass}/${options.passes}: exact ${exact.toFixed(0)} QPS`);
  }
  const exactMedian = spread(qps[0] ?? []).median;
  const configs = entries.map((entry, i): ConfigResult => {
    const q = spread(qps[i] ?? []);
    return {
      ...entry.result,
      recallAt10: recalls[i] as number,
      qps: q,
      ratioToExact: q.median / exactMedian,
    };
  });
  const mean = (pick: (i: number) => number) => truth.reduce((sum, _, i) => sum + pick(i), 0) / truth.length;
  return {
    name: data.name,
    description: data.description,
    size: data.ids.length,
    dimension: data.dimension,
    queries: data.queries.length,
    prepareSeconds: data.prepareSeconds,
    neighbourCosine: {
      first: mean((i) => truth[i]?.[0]?.score ?? 0),
      tenth: mean((i) => truth[i]?.[9]?.score ?? 0),
    },
    centroidNorm: centroidNorm(data),
    configs,
  };
}

function buildAll(data: BenchDataset, options: RunOptions): Entry[] {
  const { ids, vectors, dimension } = data;
  const exact = timed(() => ExactAnnIndex.build(ids, vectors, dimension));
  const entries: Entry[] = [entry("exact", "exact", {}, exact.value, exact.seconds)];
  options.log(
    `  HNSW graph: M ${DEFAULT_HNSW_PARAMS.M}, efConstruction ${DEFAULT_HNSW_PARAMS.efConstruction}`,
  );
  const hnsw = timed(() => HnswAnnIndex.build(ids, vectors, dimension, DEFAULT_HNSW_PARAMS));
  options.log(`    built in ${hnsw.seconds.toFixed(1)} s`);
  const reload = reloadCost(hnsw.value);
  for (const ef of options.efs) {
    const params = { ...hnsw.value.params, ef };
    entries.push(entry("hnsw", `HNSW ef ${ef}`, params, hnsw.value.withEf(ef), hnsw.seconds, reload));
  }
  for (const params of options.lshSettings) {
    const label = `LSH w ${params.bucketLength}, ${params.tables} x ${params.projectionsPerTable}`;
    const lsh = timed(() => LshAnnIndex.build(ids, vectors, dimension, params));
    options.log(`  ${label}: built in ${lsh.seconds.toFixed(1)} s`);
    const result = entry("lsh", label, { ...params }, lsh.value, lsh.seconds);
    const share = data.queries.reduce((sum, query) => sum + lsh.value.candidates(query).length, 0);
    result.result.candidateShare = share / data.queries.length / ids.length;
    entries.push(result);
  }
  return entries;
}

function entry(
  kind: ConfigResult["kind"],
  label: string,
  params: Record<string, number>,
  index: AnnIndex,
  buildSeconds: number,
  reload = reloadCost(index),
): Entry {
  return { result: { kind, label, params, buildSeconds, ...reload }, index };
}

/** Bytes of the serialised index and seconds to load them, checking the loaded index answers alike. */
function reloadCost(index: AnnIndex): { serializedBytes: number; loadSeconds: number } {
  const bytes = index.serialize();
  const loaded = timed(() => factory.load(bytes));
  const probe = new Float32Array(index.dimension).fill(1);
  if (JSON.stringify(loaded.value.search(probe, 10)) !== JSON.stringify(index.search(probe, 10))) {
    throw new Error(`${index.kind}: the loaded index answers differently from the built one`);
  }
  return { serializedBytes: bytes.length, loadSeconds: loaded.seconds };
}
