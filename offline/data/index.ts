export type { ChunkWriter } from "./chunk-writer.ts";
export { createFileChunkWriter } from "./chunk-writer.ts";
export type { DownloadProgress } from "./download.ts";
export type { FetchMovieLensOptions, FetchMovieLensResult } from "./fetch-movielens.ts";
export { fetchMovieLens } from "./fetch-movielens.ts";
export { ML_LATEST_SMALL_SHA256, ML_LATEST_SMALL_URL } from "./movielens-checksums.ts";
export { detectFormat, openDataset } from "./open-dataset.ts";
export type { GenerateOptions, GenerateProgress, GenerateResult } from "./synthetic/generate-synthetic.ts";
export { generateSynthetic } from "./synthetic/generate-synthetic.ts";
export type { SyntheticShape } from "./synthetic/synthetic-params.ts";
export { resolveShape } from "./synthetic/synthetic-params.ts";
export type { SyntheticPlan } from "./synthetic/synthetic-plan.ts";
export { planSynthetic } from "./synthetic/synthetic-plan.ts";
export type {
  Dataset,
  DatasetFormat,
  LoadOptions,
  LoadProgress,
  LoadReport,
  MalformedRow,
  Movie,
  Rating,
} from "./types.ts";
