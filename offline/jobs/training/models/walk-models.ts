import { type BehaviourGraph, BehaviourGraphBuilder } from "../../../../core/graph/index.ts";
import { EMBEDDING_MODELS } from "../../../../schemas/index.ts";
import { deepWalkWalks, node2vecWalks, trainWalkEmbeddings } from "../../../algorithms/graph-walks/index.ts";
import type { Item2VecModel } from "../../../algorithms/item2vec/index.ts";
import type { JobDeps } from "../../job-deps.ts";
import type { HistoryRating } from "../history.ts";
import type { ModelParams, WalkModelParams } from "./model-params.ts";

/** The behaviour graph: each user's liked items in time order, previous → next, weight = count. */
export function buildBehaviourGraph(
  sequences: ReadonlyMap<string, readonly HistoryRating[]>,
): BehaviourGraph {
  const builder = new BehaviourGraphBuilder();
  for (const liked of sequences.values()) builder.addSequence(liked.map((r) => r.itemId));
  return builder.build();
}

export interface WalkModel {
  readonly model: string;
  readonly embedding: Item2VecModel;
  readonly trainingMs: number;
}

async function embedWalks(
  deps: JobDeps,
  name: string,
  walks: string[][],
  walk: WalkModelParams,
  params: ModelParams,
  signal?: AbortSignal,
): Promise<WalkModel> {
  const started = performance.now();
  const skipGram = { ...params.item2vec, epochs: walk.epochs };
  const progress = deps.progress({ label: name, unit: "epochs", total: walk.epochs });
  const embedding = await trainWalkEmbeddings(walks, skipGram, {
    ...(signal ? { signal } : {}),
    onProgress: (p) => progress.update(p.epoch + 1),
  });
  progress.finish(`${walks.length} walks`);
  return { model: name, embedding, trainingMs: performance.now() - started };
}

/** DeepWalk and Node2vec over the same graph, each walk set fed to the skip-gram trainer. */
export async function trainWalkModels(
  deps: JobDeps,
  graph: BehaviourGraph,
  params: ModelParams,
  signal?: AbortSignal,
): Promise<WalkModel[]> {
  const nodes = graph.nodes.length;
  // Nothing to walk on (e.g. no user liked two items): no walk models this run.
  if (graph.targets.length === 0) return [];
  const { deepwalk, node2vec, item2vec } = params;
  const deepWalks = deepWalkWalks(graph, {
    walks: deepwalk.walksPerNode * nodes,
    walkLength: deepwalk.walkLength,
    seed: item2vec.seed,
  });
  const first = await embedWalks(deps, EMBEDDING_MODELS.deepwalk, deepWalks, deepwalk, params, signal);
  const biasedWalks = node2vecWalks(graph, {
    walks: node2vec.walksPerNode * nodes,
    walkLength: node2vec.walkLength,
    p: node2vec.p,
    q: node2vec.q,
    seed: item2vec.seed,
  });
  const second = await embedWalks(deps, EMBEDDING_MODELS.node2vec, biasedWalks, node2vec, params, signal);
  return [first, second];
}
