import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Spread } from "./stats.ts";

/** One row of a result table: what was measured, its unit and its spread over runs. */
export interface TableRow {
  measure: string;
  unit: string;
  spread: Spread;
}

/** A Markdown table of median / min / max per measure; large values lose their decimals. */
export function markdownTable(rows: readonly TableRow[]): string {
  const format = (value: number) =>
    value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : 2 });
  const lines = ["| measure | unit | median | min | max |", "| --- | --- | ---: | ---: | ---: |"];
  for (const { measure, unit, spread } of rows) {
    lines.push(
      `| ${measure} | ${unit} | ${format(spread.median)} | ${format(spread.min)} | ${format(spread.max)} |`,
    );
  }
  return lines.join("\n");
}

const RESULTS_DIR = fileURLToPath(new URL("../results", import.meta.url));

/** Writes `bench/results/<name>-<timestamp>.json` and returns its path. */
export async function writeResult(name: string, result: unknown, now = new Date()): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const path = join(RESULTS_DIR, `${name}-${stamp}.json`);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
