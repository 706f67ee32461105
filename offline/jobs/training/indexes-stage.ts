import type { AnnKind } from "../../../core/ports/index.ts";
import type { JobDeps } from "../job-deps.ts";
import type { EmbeddingSet } from "./embedding-set.ts";

/** One serialised index: `name` is `<kind>:<model>`, the artifact and file name it is stored under. */
export interface BuiltIndex {
  readonly name: string;
  readonly model: string;
  readonly kind: AnnKind;
  readonly size: number;
  readonly bytes: Uint8Array;
}

/** Stage 3b: an HNSW index over every model's item vectors, for the online tier's embedding recall. */
export function buildIndexes(deps: JobDeps, embeddings: EmbeddingSet, signal?: AbortSignal): BuiltIndex[] {
  const factory = deps.ann;
  if (factory === undefined) return [];
  const progress = deps.progress({ label: "ann indexes", unit: "indexes", total: embeddings.items.length });
  const built: BuiltIndex[] = [];
  for (const embedding of embeddings.items) {
    signal?.throwIfAborted();
    const index = factory.build("hnsw", embedding.itemIds, embedding.vectors, embedding.dimension);
    built.push({
      name: `hnsw:${embedding.model}`,
      model: embedding.model,
      kind: "hnsw",
      size: index.size,
      bytes: index.serialize(),
    });
    progress.update(built.length);
  }
  progress.finish();
  return built;
}
