import { type BehaviourGraph, findEdge } from "../../../core/graph/index.ts";

/** Node2vec's search bias as reciprocals: 1/p to return, 1/q to move away. */
export interface SearchBias {
  readonly invP: number;
  readonly invQ: number;
}

/**
 * The bias of stepping to x from v when the walk came from t: 1/p when x is t; 1 when x is adjacent to t,
 * taking the graph as undirected (an edge t → x or x → t), since the distance that node2vec means is how far
 * x is from t whichever way users moved between them; 1/q otherwise.
 */
export function searchBias(graph: BehaviourGraph, t: number, x: number, bias: SearchBias): number {
  if (x === t) return bias.invP;
  return findEdge(graph, t, x) >= 0 || findEdge(graph, x, t) >= 0 ? 1 : bias.invQ;
}
