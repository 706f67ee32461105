export type { BehaviourGraph } from "./behaviour-graph.ts";
export { graphProblem, validateGraph } from "./behaviour-graph.ts";
export { BehaviourGraphBuilder } from "./builder.ts";
export { decodeGraph, encodeGraph, GRAPH_FORMAT_VERSION } from "./codec.ts";
export type { GraphNeighbour } from "./queries.ts";
export { findEdge, neighbours, nodeIndex, outDegree, outWeight } from "./queries.ts";
export type { Transition } from "./transitions.ts";
export { transitionsOf } from "./transitions.ts";
