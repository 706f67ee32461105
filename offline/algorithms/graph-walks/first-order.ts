import { type BehaviourGraph, outWeight } from "../../../core/graph/index.ts";
import { aliasScratch, drawAlias, type PackedAlias, writeAlias } from "./float-alias.ts";
import type { Uniform } from "./uniform.ts";

/** Alias tables for first-order steps (by edge weight) and for start nodes (by out-weight share). */
export interface FirstOrderTables {
  readonly graph: BehaviourGraph;
  /** Node i's table over its out-edges sits at slots offsets[i]..offsets[i + 1], parallel to targets. */
  readonly edges: PackedAlias;
  /** Nodes with at least one out-edge; the start table draws among them. */
  readonly startNodes: Int32Array;
  readonly starts: PackedAlias;
  /** Out-weight of every node. */
  readonly outWeights: Float64Array;
}

/** Builds every first-order table in O(nodes + edges). */
export function buildFirstOrderTables(graph: BehaviourGraph): FirstOrderTables {
  const { offsets, weights } = graph;
  const n = graph.nodes.length;
  const edges: PackedAlias = {
    keep: new Float64Array(weights.length),
    alias: new Int32Array(weights.length),
  };
  const outWeights = Float64Array.from({ length: n }, (_, node) => outWeight(graph, node));
  let maxDegree = 0;
  const sources: number[] = [];
  for (let node = 0; node < n; node++) {
    const degree = (offsets[node + 1] as number) - (offsets[node] as number);
    maxDegree = Math.max(maxDegree, degree);
    if (degree > 0) sources.push(node);
  }
  const scratch = aliasScratch(Math.max(maxDegree, sources.length));
  for (const node of sources) {
    const start = offsets[node] as number;
    const end = offsets[node + 1] as number;
    writeAlias(weights.subarray(start, end), end - start, edges, start, scratch);
  }
  const startNodes = Int32Array.from(sources);
  const starts: PackedAlias = {
    keep: new Float64Array(sources.length),
    alias: new Int32Array(sources.length),
  };
  writeAlias(
    Float64Array.from(sources, (node) => outWeights[node] as number),
    sources.length,
    starts,
    0,
    scratch,
  );
  return { graph, edges, startNodes, starts, outWeights };
}

/** A start node drawn by out-weight share; -1 when no node has out-edges. */
export function drawStart(tables: FirstOrderTables, uniform: Uniform): number {
  const count = tables.startNodes.length;
  if (count === 0) return -1;
  return tables.startNodes[drawAlias(tables.starts, 0, count, uniform)] as number;
}

/** The index of an out-edge of `node` drawn by weight; -1 when `node` has none. */
export function drawEdge(tables: FirstOrderTables, node: number, uniform: Uniform): number {
  const start = tables.graph.offsets[node] as number;
  const degree = (tables.graph.offsets[node + 1] as number) - start;
  if (degree === 0) return -1;
  return start + drawAlias(tables.edges, start, degree, uniform);
}
