import type { Spread } from "../lib/stats.ts";
import { label } from "./run-configuration.ts";
import { type ConfigurationSummary, TARGETS } from "./summary.ts";
import { SIDES } from "./types.ts";

const HEADER =
  "| threads | side | items/s | items/s min–max | train s | HR@10 last | NDCG@10 last | HR@10 mean |";
const RULE = "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |";

/** One table for a sub-sampling setting, rows threads x side, then the ratio and target lines. */
export function markdownSection(subsample: number, summaries: readonly ConfigurationSummary[]): string {
  const title = `### Sub-sampling ${subsample === 0 ? "off (sample 0)" : `on (sample ${subsample})`}`;
  const rows: string[] = [];
  for (const summary of summaries) {
    for (const side of SIDES) {
      const s = summary.sides[side];
      const cells = [
        String(summary.threads),
        side,
        rate(s.itemsPerSecond.median),
        `${rate(s.itemsPerSecond.min)}–${rate(s.itemsPerSecond.max)}`,
        withRange(s.trainSeconds, 2),
        withRange(s.quality.hr10Last, 4),
        withRange(s.quality.ndcg10Last, 4),
        withRange(s.quality.hr10Mean, 4),
      ];
      rows.push(`| ${cells.join(" | ")} |`);
    }
  }
  const verdicts = summaries.map((summary) => `- ${verdictLine(summary)}`);
  return [title, "", HEADER, RULE, ...rows, "", ...verdicts].join("\n");
}

/** The Starling / gensim ratios of one configuration with PASS / MISS against the targets. */
export function verdictLine(summary: ConfigurationSummary): string {
  const t = summary.throughputRatio;
  const throughput =
    `throughput ${t.median.toFixed(2)} (${t.min.toFixed(2)}–${t.max.toFixed(2)}), target ≥ ` +
    `${TARGETS.throughputRatio}: ${summary.throughputPass ? "PASS" : "MISS"}`;
  const ours = summary.sides.Starling.qualityMean.hr10Last;
  const theirs = summary.sides.gensim.qualityMean.hr10Last;
  const hr =
    `HR@10 last ${summary.hr10LastRatio.toFixed(2)} (${ours.toFixed(4)} vs ${theirs.toFixed(4)}), target ≥ ` +
    `${TARGETS.hr10Ratio}: ${summary.hr10Pass ? "PASS" : "MISS"}`;
  const busy = `${summary.sides.Starling.busyCpus.median.toFixed(2)} vs ${summary.sides.gensim.busyCpus.median.toFixed(2)}`;
  return (
    `${label(summary)}, Starling / gensim: ${throughput}; ${hr}; HR@10 mean ${summary.hr10MeanRatio.toFixed(2)} ` +
    `(info); CPUs busy while training ${busy}`
  );
}

/** How the figures were taken, printed under the tables. */
export function methodNotes(runs: number, tokens: number, epochs: number): string[] {
  return [
    `items/s = corpus tokens (${tokens.toLocaleString("en-US")}) × epochs (${epochs}) / training wall seconds, ` +
      'the same raw formula for both sides; gensim\'s own "effective words" leave out sub-sampled tokens and ' +
      "are not used (they are in the JSON).",
    "Training time: gensim's train() only (build_vocab and interpreter start excluded); Starling's " +
      "trainItem2Vec only (corpus built once beforehand, in-process, worker start-up included for 2 threads).",
    `Figures are median (min–max) over ${runs} timed runs per side with seeds 1–${runs}, after one untimed ` +
      "warm-up, Starling and gensim alternating run by run. HR ratios compare means over the seeds; the " +
      "throughput ratio is the median of per-run-pair ratios.",
    "CPUs busy = CPU-seconds of all the trainer's threads per wall-second of training (getrusage for gensim, " +
      "process.cpuUsage for Starling): near the thread count means the figure is CPU-bound; profile Starling " +
      "with `node --import tsx --cpu-prof bench/item2vec/train-once.ts <threads> <sample>`.",
    'Quality: leave-last-out on the full movies.csv catalogue; "last" scores from the user\'s last liked ' +
      'training item, "mean" from the mean of their liked items\' unit vectors.',
  ];
}

function rate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

function withRange(s: Spread, digits: number): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
