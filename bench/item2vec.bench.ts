/**
 * Item2Vec training throughput and recommendation quality against gensim 4 Word2Vec on ml-latest-small.
 *   npm run bench:item2vec -- [--runs 3] [--threads 1,2] [--subsample 0,0.001]
 * Data from RECSYS_DATA_DIR (else the shared copy beside the repository). The corpus is built once from the
 * leave-last-out training ratings (per user, liked items in time order) and written to a temp file for gensim
 * (bench/item2vec/gensim_train.py, Debian's python3-gensim, installed with apt-get when missing). For every
 * sub-sampling x threads configuration, Starling (in-process) and gensim (one interpreter per run) alternate
 * run by run after a warm-up; every timed model is evaluated with the last-liked and mean-of-liked scorers.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { evaluateScorer, popularityScorer } from "../offline/evaluate/index.ts";
import { type BenchData, loadBenchData, writeCorpusFile } from "./item2vec/bench-data.ts";
import { gensimPython } from "./item2vec/gensim-python.ts";
import { markdownSection, methodNotes } from "./item2vec/markdown.ts";
import { label, type RunContext, runConfiguration } from "./item2vec/run-configuration.ts";
import { type ConfigurationSummary, summarize, TARGETS } from "./item2vec/summary.ts";
import type { ConfigurationResult, SharedParams } from "./item2vec/types.ts";
import { benchEnvironment } from "./lib/environment.ts";
import { writeResult } from "./lib/report.ts";

/** A configuration is not started once this much time has gone, to keep the whole run near 10 minutes. */
const BUDGET_SECONDS = 8.5 * 60;

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    threads: { type: "string", default: "1,2" },
    subsample: { type: "string", default: "0,0.001" },
  },
});
const list = (flag: "threads" | "subsample") => (values[flag] ?? "").split(",").map(Number);
const runs = Number(values.runs);
const threadCounts = list("threads");
const subsamples = list("subsample");
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive integer, got ${values.runs}`);
if (threadCounts.some((t) => !Number.isInteger(t) || t < 1)) throw new Error("--threads takes integers >= 1");
if (subsamples.some((s) => !Number.isFinite(s) || s < 0)) throw new Error("--subsample takes numbers >= 0");
const shared: SharedParams = { dimension: 64, window: 5, negatives: 5, epochs: 10, minCount: 1 };

async function main(): Promise<void> {
  const started = performance.now();
  const environment = benchEnvironment();
  console.log(
    `item2vec benchmark: ${runs} runs, commit ${environment.commit.slice(0, 12)}, node ${environment.node}, ${environment.cpus} CPUs`,
  );
  const { python, version } = gensimPython((line) => console.log(line));
  console.log(`gensim ${version} via ${python}`);
  const data = await loadBenchData(shared.minCount);
  const corpus = data.corpus;
  console.log(
    `${data.dir}: ${data.ratings.toLocaleString("en-US")} ratings, ${data.catalogue.length} movies, ` +
      `${data.split.heldOut.size} evaluated users; corpus ${corpus.sentenceStarts.length} sentences, ` +
      `${corpus.tokens.length.toLocaleString("en-US")} tokens, ${corpus.vocab.length} items`,
  );
  const popularity = evaluateScorer(data.split, data.catalogue, popularityScorer(data.split, data.catalogue));
  const temp = await mkdtemp(join(tmpdir(), "starling-bench-item2vec-"));
  try {
    const context: RunContext = {
      data,
      shared,
      runs,
      python,
      corpusPath: join(temp, "corpus.txt"),
      vectorsPath: join(temp, "vectors.txt"),
    };
    await writeCorpusFile(corpus, context.corpusPath);
    const { results, notes } = await sweep(context, started);
    const seconds = (performance.now() - started) / 1000;
    await report(data, results, notes, { seconds, environment, python, version, popularity });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Runs every configuration within the budget; a failed one is noted and the sweep goes on. */
async function sweep(context: RunContext, started: number) {
  const results: ConfigurationResult[] = [];
  const notes: string[] = [];
  for (const subsample of subsamples) {
    for (const threads of threadCounts) {
      const config = { subsample, threads };
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed > BUDGET_SECONDS) {
        notes.push(`${label(config)} skipped: ${elapsed.toFixed(0)} s already spent`);
        continue;
      }
      console.log(`\n## ${label(config)} (${elapsed.toFixed(0)} s elapsed)`);
      try {
        results.push(await runConfiguration(context, config));
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
        console.log(`\n  failed: ${reason}`);
        notes.push(`${label(config)} failed: ${reason}`);
        process.exitCode = 1;
      }
    }
  }
  return { results, notes };
}

interface RunFacts {
  seconds: number;
  environment: ReturnType<typeof benchEnvironment>;
  python: string;
  version: string;
  popularity: ReturnType<typeof evaluateScorer>;
}

async function report(data: BenchData, results: ConfigurationResult[], notes: string[], facts: RunFacts) {
  const summaries = results.map(summarize);
  console.log(
    `\n### Item2Vec vs gensim ${facts.version}: ml-latest-small, ${facts.seconds.toFixed(0)} s in all\n`,
  );
  for (const subsample of subsamples) {
    const group = summaries.filter((summary) => summary.subsample === subsample);
    if (group.length > 0) console.log(`${markdownSection(subsample, group)}\n`);
  }
  const p = facts.popularity;
  console.log(
    `Popularity baseline: HR@10 ${p.hr10.toFixed(4)}, NDCG@10 ${p.ndcg10.toFixed(4)}, HR@50 ${p.hr50.toFixed(4)}`,
  );
  const allNotes = [...methodNotes(runs, data.corpus.tokens.length, shared.epochs), ...notes];
  console.log(`\n${allNotes.map((n) => `- ${n}`).join("\n")}`);
  const path = await writeResult("item2vec", resultJson(data, results, summaries, allNotes, facts));
  console.log(`\nJSON: ${path}`);
}

function resultJson(
  data: BenchData,
  results: ConfigurationResult[],
  summaries: ConfigurationSummary[],
  notes: string[],
  facts: RunFacts,
) {
  const { corpus, split } = data;
  return {
    benchmark: "item2vec",
    date: new Date().toISOString(),
    environment: facts.environment,
    params: {
      ...shared,
      runs,
      seeds: Array.from({ length: runs }, (_, i) => i + 1),
      threads: threadCounts,
      subsamples,
    },
    reference: { gensim: facts.version, python: facts.python },
    data: {
      dir: data.dir,
      ratings: data.ratings,
      catalogue: data.catalogue.length,
      evaluatedUsers: split.heldOut.size,
      sentences: corpus.sentenceStarts.length,
      tokens: corpus.tokens.length,
      vocab: corpus.vocab.length,
    },
    targets: TARGETS,
    totalSeconds: facts.seconds,
    popularity: facts.popularity,
    summary: summaries,
    notes,
    configurations: results,
  };
}

await main();
