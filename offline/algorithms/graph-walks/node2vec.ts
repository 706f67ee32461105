import { type BehaviourGraph, validateGraph } from "../../../core/graph/index.ts";
import { buildFirstOrderTables, drawEdge, drawStart, type FirstOrderTables } from "./first-order.ts";
import { buildEdgeAliasTables, drawAfterEdge, edgeAliasEntries } from "./node2vec-alias.ts";
import type { SearchBias } from "./node2vec-bias.ts";
import { drawAfterRejecting } from "./node2vec-rejection.ts";
import { createUniform, type Uniform } from "./uniform.ts";
import { fail, requirePositive, validateWalkOptions, type WalkOptions } from "./walk-params.ts";

export type Node2vecSampler = "auto" | "alias" | "rejection";

export interface Node2vecOptions extends WalkOptions {
  /** Return parameter: low p makes stepping back to the previous node likelier. */
  p: number;
  /** In-out parameter: low q favours nodes far from the previous one (DFS-like), high q stays near (BFS-like). */
  q: number;
  /** "auto" (default) precomputes per-edge alias tables when they fit maxAliasEntries, else rejects. */
  sampler?: Node2vecSampler;
  /** Largest per-edge alias table size (entries, 8 bytes each) that "auto" precomputes. */
  maxAliasEntries?: number;
}

/** 5e6 entries: 40 MB of per-edge tables. */
export const DEFAULT_MAX_ALIAS_ENTRIES = 5_000_000;

/** The sampler node2vecWalks will use on `graph`: "auto" picks alias tables when they fit. */
export function chooseNode2vecSampler(
  graph: BehaviourGraph,
  options: Pick<Node2vecOptions, "sampler" | "maxAliasEntries">,
): "alias" | "rejection" {
  const sampler = options.sampler ?? "auto";
  if (sampler !== "auto") return sampler;
  return edgeAliasEntries(graph) <= (options.maxAliasEntries ?? DEFAULT_MAX_ALIAS_ENTRIES)
    ? "alias"
    : "rejection";
}

/**
 * Node2vec's second-order biased walks, as item ids: the start and first step as in DeepWalk, then from t → v
 * the next node x with probability ∝ w(v, x) × (1/p if x = t, 1 if x is adjacent to t, 1/q otherwise).
 * Reproducible for a seed and sampler; both samplers draw from the same distribution.
 */
export function node2vecWalks(graph: BehaviourGraph, options: Node2vecOptions): string[][] {
  validateNode2vecOptions(options);
  validateGraph(graph);
  const tables = buildFirstOrderTables(graph);
  const uniform = createUniform(options.seed);
  const walks: string[][] = [];
  if (tables.startNodes.length === 0 || options.walks === 0) return walks;
  const step = secondOrderStep(tables, options, uniform);
  for (let w = 0; w < options.walks; w++) {
    let previous = drawStart(tables, uniform);
    const walk = [graph.nodes[previous] as string];
    let edge = walk.length < options.walkLength ? drawEdge(tables, previous, uniform) : -1;
    while (edge >= 0) {
      const node = graph.targets[edge] as number;
      walk.push(graph.nodes[node] as string);
      if (walk.length >= options.walkLength) break;
      edge = step(previous, edge);
      previous = node;
    }
    walks.push(walk);
  }
  return walks;
}

/** Draws the edge after `edge` (previous → current); -1 when the current node has no out-edges. */
type SecondOrderStep = (previous: number, edge: number) => number;

function secondOrderStep(
  tables: FirstOrderTables,
  options: Node2vecOptions,
  uniform: Uniform,
): SecondOrderStep {
  const graph = tables.graph;
  const bias: SearchBias = { invP: 1 / options.p, invQ: 1 / options.q };
  if (chooseNode2vecSampler(graph, options) === "alias") {
    const edgeTables = buildEdgeAliasTables(graph, bias);
    return (_, edge) => drawAfterEdge(graph, edgeTables, edge, uniform);
  }
  return (previous, edge) =>
    drawAfterRejecting(tables, previous, graph.targets[edge] as number, bias, uniform);
}

function validateNode2vecOptions(options: Node2vecOptions): void {
  validateWalkOptions(options);
  requirePositive("p", options.p);
  requirePositive("q", options.q);
  const sampler = options.sampler ?? "auto";
  if (!["auto", "alias", "rejection"].includes(sampler))
    fail("sampler", "must be auto, alias or rejection", sampler);
  const max = options.maxAliasEntries ?? DEFAULT_MAX_ALIAS_ENTRIES;
  if (!Number.isSafeInteger(max) || max < 0) fail("maxAliasEntries", "must be an integer >= 0", max);
}
