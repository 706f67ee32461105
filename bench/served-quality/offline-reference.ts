import { readFile } from "node:fs/promises";
import type { EvaluationReport, ModelMetrics } from "../../offline/evaluate/index.ts";

/** The model the online tier serves by default when a version has one. */
export const SERVED_MODEL = "ranker";

/** Reads `evaluation.json` as `recsys offline evaluate --out` writes it. */
export async function readEvaluationReport(path: string): Promise<EvaluationReport> {
  const report = JSON.parse(await readFile(path, "utf8")) as EvaluationReport;
  if (!Array.isArray(report.models)) throw new Error(`${path} holds no evaluation report (no "models")`);
  return report;
}

/** The report's row of `model`; throws naming the rows it has when it has none. */
export function modelRow(report: EvaluationReport, model: string = SERVED_MODEL): ModelMetrics {
  const row = report.models.find((m) => m.model === model);
  if (row === undefined) {
    throw new Error(
      `the evaluation has no ${model} row (rows: ${report.models.map((m) => m.model).join(", ")})`,
    );
  }
  return row;
}
