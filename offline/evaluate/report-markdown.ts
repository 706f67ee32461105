import type { EvaluationReport, ModelMetrics } from "./types.ts";

const HEADER = "| model | HR@10 | NDCG@10 | HR@50 | coverage@10 | train s | score s |";
const RULE = "| --- | ---: | ---: | ---: | ---: | ---: | ---: |";

/** Renders the report as one line of context and a Markdown table, one row per model in report order. */
export function formatReportMarkdown(report: EvaluationReport): string {
  const context = `Protocol: ${report.protocol}; ${report.users} evaluated users; ${report.catalogue} catalogue items.`;
  return [context, "", HEADER, RULE, ...report.models.map(formatRow)].join("\n").concat("\n");
}

function formatRow(metrics: ModelMetrics): string {
  const cells = [
    escapeCell(metrics.model),
    metrics.hr10.toFixed(4),
    metrics.ndcg10.toFixed(4),
    metrics.hr50.toFixed(4),
    metrics.coverage10.toFixed(4),
    // A model without a training step (popularity counts on the fly) shows a dash, not a misleading 0.
    metrics.trainingMs === undefined ? "-" : seconds(metrics.trainingMs),
    seconds(metrics.scoringMs),
  ];
  return `| ${cells.join(" | ")} |`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}
