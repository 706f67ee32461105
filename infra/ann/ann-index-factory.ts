import { decodeAnnFile, ExactAnnIndex, LshAnnIndex } from "../../core/ann/index.ts";
import { ValidationError } from "../../core/errors.ts";
import type {
  AnnIndex,
  AnnIndexFactory,
  AnnKind,
  AnnParams,
  HnswParams,
  LshParams,
} from "../../core/ports/ann-index.ts";
import { HnswAnnIndex } from "./hnsw-index.ts";

/** Parameters a factory applies where a build leaves them out, over each kind's own defaults. */
export interface AnnFactoryDefaults {
  hnsw?: Partial<HnswParams>;
  lsh?: Partial<LshParams>;
}

/** The in-process AnnIndexFactory: HNSW through hnswlib-node, LSH and exact search in TypeScript. */
export function createAnnIndexFactory(defaults: AnnFactoryDefaults = {}): AnnIndexFactory {
  return {
    build<K extends AnnKind>(
      kind: K,
      ids: readonly string[],
      vectors: Float32Array,
      dimension: number,
      params: Partial<AnnParams[K]> = {},
    ): AnnIndex {
      switch (kind) {
        case "hnsw":
          return HnswAnnIndex.build(ids, vectors, dimension, {
            ...defaults.hnsw,
            ...(params as Partial<HnswParams>),
          });
        case "lsh":
          return LshAnnIndex.build(ids, vectors, dimension, {
            ...defaults.lsh,
            ...(params as Partial<LshParams>),
          });
        case "exact":
          return ExactAnnIndex.build(ids, vectors, dimension);
        default:
          throw new ValidationError(`ANN index: unknown kind ${String(kind)}`, [
            { field: "kind", message: "must be hnsw, lsh or exact" },
          ]);
      }
    },
    load(bytes: Uint8Array): AnnIndex {
      const file = decodeAnnFile(bytes);
      if (file.kind === "hnsw") return HnswAnnIndex.fromFile(file);
      if (file.kind === "lsh") return LshAnnIndex.fromFile(file);
      return ExactAnnIndex.fromFile(file);
    },
  };
}
