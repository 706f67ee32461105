import { readFileSync, writeFileSync } from "node:fs";
import hnswlib from "hnswlib-node";
import {
  type AnnFile,
  corrupt,
  encodeAnnFile,
  hitCount,
  storedParams,
  unitQuery,
  unitRows,
} from "../../core/ann/index.ts";
import type { AnnHit, AnnIndex, AnnSearchOptions, HnswParams } from "../../core/ports/ann-index.ts";
import { resolveHnswParams } from "./hnsw-params.ts";
import { withTempFile } from "./temp-file.ts";

/** The native graph, shared by indexes that differ only in `ef`, with the ef it was last set to. */
interface NativeGraph {
  readonly graph: hnswlib.HierarchicalNSW;
  ef: number;
}

/**
 * HNSW through hnswlib (inner-product space over unit vectors, so 1 - distance is the cosine). Labels are row
 * numbers; the ids live beside the graph in the Starling file, which embeds hnswlib's own index bytes.
 */
export class HnswAnnIndex implements AnnIndex {
  readonly kind = "hnsw" as const;
  readonly dimension: number;
  readonly size: number;
  private readonly rowOf: ReadonlyMap<string, number>;

  private constructor(
    private readonly native: NativeGraph,
    private readonly ids: readonly string[],
    readonly params: HnswParams,
    rowOf?: ReadonlyMap<string, number>,
  ) {
    this.dimension = native.graph.getNumDimensions();
    this.size = ids.length;
    this.rowOf = rowOf ?? new Map(ids.map((id, row) => [id, row]));
  }

  /** Inserts normalised copies of the rows of `vectors` (row i is `ids[i]`) one by one, in row order. */
  static build(
    ids: readonly string[],
    vectors: Float32Array,
    dimension: number,
    params: Partial<HnswParams> = {},
  ): HnswAnnIndex {
    const resolved = resolveHnswParams(params);
    const rows = unitRows(ids, vectors, dimension);
    const graph = new hnswlib.HierarchicalNSW("ip", dimension);
    graph.initIndex(Math.max(1, ids.length), resolved.M, resolved.efConstruction, resolved.seed);
    for (let row = 0; row < ids.length; row++) {
      graph.addPoint(Array.from(rows.vectors.subarray(row * dimension, (row + 1) * dimension)), row);
    }
    return new HnswAnnIndex({ graph, ef: -1 }, rows.ids, resolved);
  }

  /** Loads the graph embedded in a decoded `hnsw` file (hnswlib reads only from files, so through a temp one). */
  static fromFile(file: AnnFile): HnswAnnIndex {
    const stored = storedParams(file, ["M", "efConstruction", "ef", "seed"]);
    let params: HnswParams;
    try {
      params = resolveHnswParams(stored);
    } catch (error) {
      return corrupt(`hold invalid HNSW params: ${(error as Error).message}`);
    }
    const blob = file.blobs[0];
    if (blob === undefined || file.dimension < 1) corrupt("lack the HNSW graph");
    const graph = new hnswlib.HierarchicalNSW("ip", file.dimension);
    try {
      withTempFile((path) => {
        writeFileSync(path, blob);
        graph.readIndexSync(path);
      });
    } catch (error) {
      return corrupt(`hold an HNSW graph hnswlib cannot read: ${(error as Error).message}`);
    }
    if (graph.getCurrentCount() !== file.size) {
      corrupt(`hold an HNSW graph of ${graph.getCurrentCount()} points for ${file.size} ids`);
    }
    return new HnswAnnIndex({ graph, ef: -1 }, file.ids, params);
  }

  /** This index searching with another `ef`; shares the graph, so it costs nothing to make. */
  withEf(ef: number): HnswAnnIndex {
    const params = resolveHnswParams({ ...this.params, ef });
    return new HnswAnnIndex(this.native, this.ids, params, this.rowOf);
  }

  search(query: Float32Array, k: number, options: AnnSearchOptions = {}): AnnHit[] {
    const unit = unitQuery(query, this.dimension);
    const wanted = hitCount(k, this.size);
    if (wanted === 0) return [];
    const exclude = options.exclude;
    // Excluded ids are dropped after the search, so ask for as many more as could be dropped.
    let present = 0;
    if (exclude !== undefined) for (const id of exclude) if (this.rowOf.has(id)) present++;
    const ask = Math.min(this.size, wanted + present);
    if (ask <= 0) return [];
    if (this.native.ef !== this.params.ef) {
      this.native.graph.setEf(this.params.ef);
      this.native.ef = this.params.ef;
    }
    const { neighbors, distances } = this.native.graph.searchKnn(Array.from(unit), ask);
    const hits: AnnHit[] = [];
    for (let i = 0; i < neighbors.length && hits.length < wanted; i++) {
      const id = this.ids[neighbors[i] as number] as string;
      if (!exclude?.has(id)) hits.push({ id, score: 1 - (distances[i] as number) });
    }
    return hits;
  }

  serialize(): Uint8Array {
    const graph = withTempFile((path) => {
      this.native.graph.writeIndexSync(path);
      return readFileSync(path);
    });
    return encodeAnnFile({
      kind: "hnsw",
      dimension: this.dimension,
      size: this.size,
      params: this.params,
      ids: this.ids,
      blobs: [graph],
    });
  }
}
