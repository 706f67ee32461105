import type { DatasetResult } from "./types.ts";

const number = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const megabytes = (bytes: number) => `${number(bytes / 2 ** 20, 1)} MB`;

/** One Markdown table per data set: build and load cost, recall@10, and QPS with its spread and ratio. */
export function datasetTable(result: DatasetResult): string {
  const lines = [
    `### ${result.name}: ${number(result.size)} x ${result.dimension}-d, ${result.queries} queries`,
    "",
    `Mean cosine of the 1st / 10th true neighbour ${number(result.neighbourCosine.first, 3)} / ` +
      `${number(result.neighbourCosine.tenth, 3)}; length of the mean unit vector ${number(result.centroidNorm, 2)}.`,
    "",
    "| index | build s | size | load s | recall@10 | candidates | QPS median | QPS min–max | x exact |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const c of result.configs) {
    const share = c.candidateShare === undefined ? "" : `${number(100 * c.candidateShare, 1)} %`;
    lines.push(
      `| ${c.label} | ${number(c.buildSeconds, 2)} | ${megabytes(c.serializedBytes)} | ${number(c.loadSeconds, 3)} | ` +
        `${number(c.recallAt10, 3)} | ${share} | ${number(c.qps.median)} | ${number(c.qps.min)}–${number(c.qps.max)} | ` +
        `${number(c.ratioToExact, 1)} |`,
    );
  }
  return lines.join("\n");
}

/** The smallest ef whose recall@10 reaches `target` on every data set, or null when none does. */
export function chooseEf(
  results: readonly DatasetResult[],
  efs: readonly number[],
  target: number,
): number | null {
  const reaches = (ef: number) =>
    results.every((result) =>
      result.configs.some((c) => c.kind === "hnsw" && c.params.ef === ef && c.recallAt10 >= target),
    );
  return [...efs].sort((a, b) => a - b).find(reaches) ?? null;
}
