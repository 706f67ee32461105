import type { RankerTrainingData } from "./train-options.ts";

/** Throws an Error naming the first field of `data` that breaks its contract. */
export function validateTrainingData(data: RankerTrainingData): void {
  const { features, labels, rows, featureNames, groups } = data;
  if (!Number.isSafeInteger(rows) || rows < 2) fail(`rows must be an integer >= 2, got ${rows}`);
  if (featureNames.length === 0) fail("featureNames must name at least one feature");
  const unnamed = featureNames.findIndex((name) => typeof name !== "string" || name === "");
  if (unnamed >= 0) fail(`featureNames[${unnamed}] must be a non-empty string`);
  if (new Set(featureNames).size !== featureNames.length) fail("featureNames must be unique");
  const width = featureNames.length;
  if (features.length !== rows * width) {
    fail(`features must hold rows × featureNames.length = ${rows * width} values, got ${features.length}`);
  }
  if (labels.length !== rows) fail(`labels must hold one label per row (${rows}), got ${labels.length}`);
  const badLabel = labels.findIndex((label) => label > 1);
  if (badLabel >= 0) fail(`labels[${badLabel}] must be 0 or 1, got ${labels[badLabel]}`);
  if (groups !== undefined && groups.length !== rows) {
    fail(`groups must hold one id per row (${rows}), got ${groups.length}`);
  }
  const badValue = features.findIndex((value) => !Number.isFinite(value));
  if (badValue >= 0) {
    const name = featureNames[badValue % width];
    fail(`features: ${name} of row ${Math.floor(badValue / width)} is ${features[badValue]}, not finite`);
  }
}

function fail(message: string): never {
  throw new Error(`Ranker: ${message}`);
}
