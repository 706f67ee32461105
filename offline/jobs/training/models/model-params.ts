import type { AlsParams } from "../../../algorithms/als/index.ts";
import type { Item2VecParams } from "../../../algorithms/item2vec/index.ts";

/** Random walks over the behaviour graph, then skip-gram with the Item2Vec settings but its own epochs. */
export interface WalkModelParams {
  /** Walks per graph node (the total is this times the node count). */
  readonly walksPerNode: number;
  readonly walkLength: number;
  readonly epochs: number;
}

/** Everything the models of one run need. */
export interface ModelParams {
  readonly item2vec: Item2VecParams;
  readonly deepwalk: WalkModelParams;
  readonly node2vec: WalkModelParams & { readonly p: number; readonly q: number };
  readonly als: AlsParams;
  readonly recencyHalfLifeMs: number;
}
