export type { AnnFactoryDefaults } from "./ann-index-factory.ts";
export { createAnnIndexFactory } from "./ann-index-factory.ts";
export { HnswAnnIndex } from "./hnsw-index.ts";
export { DEFAULT_HNSW_PARAMS, resolveHnswParams } from "./hnsw-params.ts";
