import type { Logger } from "../../core/logger.ts";
import type { BulkStore, ControlStore } from "../../core/ports/index.ts";
import { VERSION_KINDS } from "../../schemas/index.ts";
import { loadItemGenres } from "./item-genres.ts";
import { type ItemVectors, loadItemVectors } from "./item-vectors.ts";

/** What the handlers read of the published world: item genres and the active version's item vectors. */
export interface ReferenceData {
  genresOf(itemId: string): readonly string[];
  vectors(): ItemVectors | null;
  /** Reload when the active embeddings version changed; errors are logged and retried on the next call. */
  refresh(): Promise<void>;
}

const NO_GENRES: readonly string[] = [];

/** Reference data loaded from the ControlStore and BulkStore, swapped whole when the version changes. */
export function createReferenceData(deps: {
  control: ControlStore;
  bulk: BulkStore;
  logger: Logger;
}): ReferenceData {
  let genres = new Map<string, readonly string[]>();
  let vectors: ItemVectors | null = null;
  let loadedVersion: string | null | undefined;
  // Vectors are read only when the version moved; an unchanged version keeps the loaded ones.
  const vectorsOf = async (version: string | null): Promise<ItemVectors | null> => {
    if (version === loadedVersion) return vectors;
    return version === null ? null : loadItemVectors(deps.bulk, version);
  };
  return {
    genresOf: (itemId) => genres.get(itemId) ?? NO_GENRES,
    vectors: () => vectors,
    async refresh() {
      try {
        const version = await deps.control.activeVersion(VERSION_KINDS.embeddings);
        const changed = version !== loadedVersion;
        // An empty catalogue is reloaded every time: the items may be imported after the consumer started.
        if (!changed && genres.size > 0) return;
        const [nextGenres, nextVectors] = await Promise.all([
          loadItemGenres(deps.control),
          vectorsOf(version),
        ]);
        if (!changed && nextGenres.size === 0) return;
        genres = nextGenres;
        vectors = nextVectors;
        loadedVersion = version;
        deps.logger.info("reference data loaded", {
          version,
          items: genres.size,
          models: nextVectors?.models.map((m) => m.model) ?? [],
        });
      } catch (error) {
        deps.logger.warn("could not load reference data; keeping the previous one", {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
  };
}
