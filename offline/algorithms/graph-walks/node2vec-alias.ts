import { type BehaviourGraph, outDegree } from "../../../core/graph/index.ts";
import { aliasScratch, drawAlias, type PackedAlias, writeAlias } from "./float-alias.ts";
import type { SearchBias } from "./node2vec-bias.ts";
import { type ReverseEdges, reverseEdges } from "./reverse-edges.ts";
import type { Uniform } from "./uniform.ts";

/** One alias table per edge t → v over v's out-edges, weighted by edge weight × search bias. */
export interface EdgeAliasTables {
  /** Edge e's table sits at slots slotStarts[e]..slotStarts[e] + outDegree(targets[e]). */
  readonly slotStarts: Int32Array;
  /** Float32 keep probabilities (8 bytes per entry with the alias, not 12); their rounding is far below sampling noise. */
  readonly table: PackedAlias;
}

/** Slots the per-edge tables need: the sum over edges t → v of v's out-degree. */
export function edgeAliasEntries(graph: BehaviourGraph): number {
  let total = 0;
  for (const v of graph.targets) total += (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
  return total;
}

/** Precomputes every per-edge table in O(entries) time, 8 bytes per entry. */
export function buildEdgeAliasTables(graph: BehaviourGraph, bias: SearchBias): EdgeAliasTables {
  const entries = edgeAliasEntries(graph);
  if (entries > 2 ** 31 - 1) throw new RangeError(`node2vec: ${entries} alias entries exceed 2^31 - 1`);
  const { offsets, targets, weights } = graph;
  const slotStarts = new Int32Array(targets.length + 1);
  let maxDegree = 0;
  for (let e = 0; e < targets.length; e++) {
    const degree = outDegree(graph, targets[e] as number);
    maxDegree = Math.max(maxDegree, degree);
    slotStarts[e + 1] = (slotStarts[e] as number) + degree;
  }
  const table: PackedAlias = { keep: new Float32Array(entries), alias: new Int32Array(entries) };
  const biased = new Float64Array(maxDegree);
  const scratch = aliasScratch(maxDegree);
  const marks = new NeighbourMarks(graph);
  for (let t = 0; t < graph.nodes.length; t++) {
    marks.markAround(t);
    for (let e = offsets[t] as number; e < (offsets[t + 1] as number); e++) {
      const start = offsets[targets[e] as number] as number;
      const degree = outDegree(graph, targets[e] as number);
      for (let j = 0; j < degree; j++) {
        const x = targets[start + j] as number;
        const b = x === t ? bias.invP : marks.isMarked(x) ? 1 : bias.invQ;
        biased[j] = (weights[start + j] as number) * b;
      }
      writeAlias(biased, degree, table, slotStarts[e] as number, scratch);
    }
  }
  return { slotStarts, table };
}

/** Marks the nodes adjacent to one node t (either direction), so node2vec's bias is O(1) per candidate. */
class NeighbourMarks {
  readonly #graph: BehaviourGraph;
  readonly #reverse: ReverseEdges;
  /** stamp[x] = t + 1 while x is adjacent to the marked t; never cleared, since t only grows. */
  readonly #stamp: Int32Array;
  #current = 0;

  constructor(graph: BehaviourGraph) {
    this.#graph = graph;
    this.#reverse = reverseEdges(graph);
    this.#stamp = new Int32Array(graph.nodes.length);
  }

  markAround(t: number): void {
    this.#current = t + 1;
    const { offsets, targets } = this.#graph;
    for (let e = offsets[t] as number; e < (offsets[t + 1] as number); e++) {
      this.#stamp[targets[e] as number] = this.#current;
    }
    const { offsets: into, sources } = this.#reverse;
    for (let e = into[t] as number; e < (into[t + 1] as number); e++) {
      this.#stamp[sources[e] as number] = this.#current;
    }
  }

  isMarked(x: number): boolean {
    return this.#stamp[x] === this.#current;
  }
}

/** The next edge after walking `edge` (t → v), drawn from the edge's table; -1 when v has no out-edges. */
export function drawAfterEdge(
  graph: BehaviourGraph,
  tables: EdgeAliasTables,
  edge: number,
  uniform: Uniform,
): number {
  const v = graph.targets[edge] as number;
  const start = graph.offsets[v] as number;
  const degree = (graph.offsets[v + 1] as number) - start;
  if (degree === 0) return -1;
  return start + drawAlias(tables.table, tables.slotStarts[edge] as number, degree, uniform);
}
