import type { ModelMetrics } from "../../offline/evaluate/index.ts";
import type { ListAgreement } from "./list-agreement.ts";
import type { ServedMetrics } from "./served-metrics.ts";
import { TARGETS, type Verdict } from "./verdict.ts";

const fixed = (value: number, digits = 4) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
const ratio = (a: number, b: number) => (b === 0 ? "-" : (a / b).toFixed(3));
const passFail = (ok: boolean) => (ok ? "PASS" : "FAIL");

export interface MarkdownInput {
  readonly served: ServedMetrics;
  /** The offline re-ranker over the served version's own models (null when the replay was skipped). */
  readonly replay: ServedMetrics | null;
  readonly agreement: ListAgreement | null;
  /** `recsys offline evaluate`'s ranker row on the full data. */
  readonly offline: ModelMetrics;
  /** The served version's ranker row of its own evaluation (a split of its training data), when stored. */
  readonly ownRanker: ModelMetrics | null;
  /** Served vs `offline evaluate` (the issue's target) and served vs the replay (parity of the online path). */
  readonly verdict: Verdict;
  readonly parity: Verdict | null;
  readonly latency: { readonly p50: number; readonly p99: number };
}

function qualityTable({ served, replay, offline }: MarkdownInput): string[] {
  const row = (name: string, pick: (m: { hr10: number; ndcg10: number; coverage10: number }) => number) => {
    const s = pick(served);
    const r = replay === null ? Number.NaN : pick(replay);
    const o = pick(offline);
    return `| ${name} | ${fixed(s)} | ${fixed(r)} | ${ratio(s, r)} | ${fixed(o)} | ${ratio(s, o)} |`;
  };
  return [
    "| measure | served (API) | offline replay of the served version | served / replay | offline evaluate, ranker row | served / evaluate |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    row("HR@10", (m) => m.hr10),
    row("NDCG@10", (m) => m.ndcg10),
    row("coverage@10", (m) => m.coverage10),
    `| users | ${served.users} | ${replay?.users ?? "-"} | | ${offline.users} | |`,
  ];
}

function targetTable({ served, verdict, parity }: MarkdownInput): string[] {
  const lines = [
    "| target | value | result |",
    "| --- | ---: | --- |",
    `| served HR@10 within ${100 * TARGETS.relativeTolerance}% of \`offline evaluate\` | ratio ${fixed(verdict.ratio, 3)} | ${passFail(verdict.withinTolerance)} |`,
    `| served HR@10 >= ${TARGETS.minimumHr10} | ${fixed(served.hr10)} | ${passFail(verdict.aboveMinimum)} |`,
  ];
  if (parity !== null) {
    lines.push(
      `| (parity) served HR@10 within ${100 * TARGETS.relativeTolerance}% of the offline replay of the same version | ratio ${fixed(parity.ratio, 3)} | ${passFail(parity.withinTolerance)} |`,
    );
  }
  return lines;
}

function answerTable({ served, agreement, latency }: MarkdownInput): string[] {
  const lines = [
    "| answers | count |",
    "| --- | ---: |",
    `| hits in top 10 | ${served.hits} |`,
    `| failed (non-200) | ${served.failed} |`,
    `| cold start | ${served.coldStart} |`,
    `| degraded (of which by a timeout) | ${served.degraded} (${served.degradedByTime}) |`,
    `| lists holding a training item | ${served.listsWithSeenItems} |`,
    `| lists shorter than 10 | ${served.shortLists} |`,
    `| models served | ${Object.entries(served.models)
      .map(([m, n]) => `${m} ${n}`)
      .join(", ")} |`,
    `| latency p50 / p99 (ms) | ${latency.p50.toFixed(1)} / ${latency.p99.toFixed(1)} |`,
  ];
  const reasons = Object.entries(served.degradedReasons);
  if (reasons.length > 0)
    lines.push(`| degraded reasons | ${reasons.map(([r, n]) => `${r} ${n}`).join(", ")} |`);
  if (agreement !== null) {
    lines.push(
      `| served list = replay list (same order / same items) | ${agreement.identical} / ${agreement.identical + agreement.sameItems} |`,
      `| mean overlap of served and replay top 10 | ${(100 * agreement.meanOverlap).toFixed(1)}% |`,
      `| hits: both / served only / replay only | ${agreement.bothHit} / ${agreement.servedOnlyHit} / ${agreement.replayOnlyHit} |`,
    );
  }
  return lines;
}

/** Served vs the replay and vs `offline evaluate`, the targets, and what the answers were made of. */
export function servedQualityMarkdown(input: MarkdownInput): string {
  const lines = [...qualityTable(input), "", ...targetTable(input), "", ...answerTable(input)];
  if (input.ownRanker !== null) {
    lines.push(
      "",
      `The served version's own evaluation (its ranker row: a leave-last-out split of the data it was trained on, ` +
        `${input.ownRanker.users} users): HR@10 ${fixed(input.ownRanker.hr10)}, NDCG@10 ${fixed(input.ownRanker.ndcg10)}.`,
    );
  }
  return lines.join("\n");
}
