import { ValidationError } from "../errors.ts";

/**
 * The weighted directed item transition graph in compressed sparse row form. Guarantees (checked by
 * `validateGraph`): node ids strictly ascending by UTF-16 code units (so unique); node i's out-edges are
 * `targets[offsets[i]..offsets[i + 1])`, strictly ascending by target index; no self-loops; every weight is
 * finite and > 0.
 */
export interface BehaviourGraph {
  readonly nodes: readonly string[];
  /** nodes.length + 1 entries, offsets[0] = 0, offsets[nodes.length] = targets.length. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Transition counts (or summed weights), parallel to targets. */
  readonly weights: Float32Array;
}

/** Throws a ValidationError naming the first broken invariant of `graph`. */
export function validateGraph(graph: BehaviourGraph): void {
  const problem = graphProblem(graph);
  if (problem !== null) throw new ValidationError(`behaviour graph: ${problem}`);
}

/** The first broken invariant of `graph`, or null when it is well formed. */
export function graphProblem(graph: BehaviourGraph): string | null {
  const { nodes, offsets, targets, weights } = graph;
  const n = nodes.length;
  if (offsets.length !== n + 1) return `offsets has ${offsets.length} entries, expected ${n + 1}`;
  if (weights.length !== targets.length) return "weights and targets differ in length";
  if (offsets[0] !== 0 || offsets[n] !== targets.length) return "offsets must run from 0 to targets.length";
  for (let i = 1; i < n; i++) {
    if ((nodes[i - 1] as string) >= (nodes[i] as string)) return `node ids not strictly ascending at ${i}`;
  }
  for (let node = 0; node < n; node++) {
    const problem = edgesProblem(graph, node);
    if (problem !== null) return problem;
  }
  return null;
}

function edgesProblem(graph: BehaviourGraph, node: number): string | null {
  const start = graph.offsets[node] as number;
  const end = graph.offsets[node + 1] as number;
  if (end < start) return `offsets decrease at node ${node}`;
  let previous = -1;
  for (let e = start; e < end; e++) {
    const target = graph.targets[e] as number;
    if (target <= previous || target >= graph.nodes.length) {
      return `edge ${e} of node ${node} has target ${target}: out of range or not ascending`;
    }
    if (target === node) return `self-loop at node ${node}`;
    const weight = graph.weights[e] as number;
    if (!(Number.isFinite(weight) && weight > 0)) return `edge ${e} has weight ${weight}, expected > 0`;
    previous = target;
  }
  return null;
}
