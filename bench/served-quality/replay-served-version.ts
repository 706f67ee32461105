import { jobDepsOn, rankingParams } from "../../bin/offline-deps.ts";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../core/config/index.ts";
import { silentLogger } from "../../core/logger.ts";
import { channelsOfFeatureNames } from "../../core/ranking/ranking-features.ts";
import { bytesToFloat32 } from "../../core/vector-bytes.ts";
import { createStoreAdapters } from "../../infra/create-adapters.ts";
import { catalogueIndex } from "../../offline/evaluate/catalogue-index.ts";
import {
  type EmbeddingTable,
  type EvaluationReport,
  type EvaluationSplit,
  type FactorModel,
  factorScorer,
  lastLikedScorer,
  meanOfLikedScorer,
  popularityScorer,
  type Scorer,
} from "../../offline/evaluate/index.ts";
import { selectTopK } from "../../offline/evaluate/top-k.ts";
import { loadHistory } from "../../offline/jobs/training/load-history.ts";
import { rankingContext } from "../../offline/jobs/training/ranking-context.ts";
import { CandidateCollector } from "../../offline/ranking/candidates.ts";
import { rerankingScorer } from "../../offline/ranking/reranking-scorer.ts";
import { jsonOf, readAllArtifacts } from "../../online/lookup/read-artifacts.ts";
import { loadRanker } from "../../online/lookup/snapshot-models.ts";
import { ARTIFACT_KINDS, EMBEDDING_MODELS, VERSION_KINDS } from "../../schemas/index.ts";

/** The served version scored by the offline evaluation code, user by user. */
export interface Replay {
  readonly version: string;
  /** Per evaluated user, the offline re-ranker's top k of the published models. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** The evaluation the version was promoted on (its own split of the data it was trained on), if stored. */
  readonly ownReport: EvaluationReport | null;
}

/** Every published vector of the version, per model prefix of its `<model>:<id>` key. */
async function vectorsByModel(
  bulk: Parameters<typeof readAllArtifacts>[0],
  kind: string,
  version: string,
  keep: (model: string) => boolean,
): Promise<Map<string, Map<string, Float32Array>>> {
  const byModel = new Map<string, Map<string, Float32Array>>();
  const values = await readAllArtifacts(bulk, kind, version, (key) => keep(key.slice(0, key.indexOf(":"))));
  for (const [key, bytes] of values) {
    const at = key.indexOf(":");
    const model = key.slice(0, at);
    const vectors = byModel.get(model) ?? new Map<string, Float32Array>();
    byModel.set(model, vectors);
    vectors.set(key.slice(at + 1), bytesToFloat32(bytes));
  }
  return byModel;
}

/** Rows of a vector map, in key order (order does not matter to the scorers, which align to the catalogue). */
function rowsOf(vectors: ReadonlyMap<string, Float32Array>): {
  ids: string[];
  dimension: number;
  rows: Float32Array;
} {
  const ids = [...vectors.keys()];
  const dimension = vectors.get(ids[0] as string)?.length ?? 0;
  const rows = new Float32Array(ids.length * dimension);
  ids.forEach((id, i) => {
    rows.set(vectors.get(id) as Float32Array, i * dimension);
  });
  return { ids, dimension, rows };
}

function tableOf(vectors: ReadonlyMap<string, Float32Array> | undefined): EmbeddingTable {
  const { ids, dimension, rows } = rowsOf(vectors ?? new Map());
  return { itemIds: ids, dimension, vectors: rows };
}

/**
 * Scores the evaluated users of `split` as `recsys offline evaluate` scores its ranker row, but with the models
 * the online tier serves: the active version's published item vectors, ALS user factors and ranking model, the
 * channels over the catalogue and history in `env`'s state dir (what the version was trained on), and each
 * user's training ratings of `split`. The lists are what the served lists must equal if the online path is
 * faithful; any difference is the online path's (HNSW recall, user history or features, filters).
 */
export async function replayServedVersion(
  env: NodeJS.ProcessEnv,
  split: EvaluationSplit,
  k: number,
): Promise<Replay> {
  const config = loadConfig(env);
  const stores = await createStoreAdapters(config, { clock: systemClock, logger: silentLogger });
  try {
    const deps = await jobDepsOn(stores, config, silentLogger);
    const version = (await stores.control.activeVersions())[VERSION_KINDS.embeddings];
    if (version === undefined) throw new Error(`no embeddings version is active in ${config.stateDir}`);
    const ranker = (await loadRanker(stores.bulk, version, silentLogger))?.scorer ?? null;
    if (ranker === null) throw new Error(`version ${version} has no ranking model`);
    const history = await loadHistory(deps, {});
    const catalogue = history.items.map((item) => item.itemId);
    const items = await vectorsByModel(stores.bulk, ARTIFACT_KINDS.itemEmbeddings, version, () => true);
    const users = await vectorsByModel(
      stores.bulk,
      ARTIFACT_KINDS.userEmbeddings,
      version,
      (model) => model === EMBEDDING_MODELS.als,
    );
    const item2vec = tableOf(items.get(EMBEDDING_MODELS.item2vec));
    const alsItems = rowsOf(items.get(EMBEDDING_MODELS.als) ?? new Map());
    const alsUsers = rowsOf(users.get(EMBEDDING_MODELS.als) ?? new Map());
    const factors: FactorModel = {
      userIds: alsUsers.ids,
      itemIds: alsItems.ids,
      dimension: alsItems.dimension,
      userFactors: alsUsers.rows,
      itemFactors: alsItems.rows,
    };
    const byName: Record<string, Scorer> = {
      popularity: popularityScorer(
        { train: history.ratings, heldOut: new Map(), trainByUser: new Map() },
        catalogue,
      ),
      "item2vec-mean": meanOfLikedScorer("item2vec-mean", item2vec, catalogue),
      "item2vec-last": lastLikedScorer("item2vec-last", item2vec, catalogue),
      deepwalk: lastLikedScorer("deepwalk", tableOf(items.get(EMBEDDING_MODELS.deepwalk)), catalogue),
      node2vec: lastLikedScorer("node2vec", tableOf(items.get(EMBEDDING_MODELS.node2vec)), catalogue),
      als: factorScorer(EMBEDDING_MODELS.als, factors, catalogue),
    };
    const channels = channelsOfFeatureNames(ranker.featureNames).map((name) => {
      const scorer = byName[name];
      if (scorer === undefined)
        throw new Error(`the ranker uses a channel the replay does not know: ${name}`);
      return scorer;
    });
    const ranking = rankingParams(config);
    const index = catalogueIndex(catalogue);
    const collector = new CandidateCollector(channels, index, ranking.candidatesPerChannel);
    const context = rankingContext(history.items, catalogue, history.ratings, ranking);
    const reranker = rerankingScorer("ranker", collector, context, ranker);
    const lists = new Map<string, string[]>();
    const scores = new Float32Array(catalogue.length);
    const top = new Int32Array(k);
    for (const userId of split.heldOut.keys()) {
      const ratings = split.trainByUser.get(userId) ?? [];
      reranker.score(userId, ratings, scores);
      for (const row of ratings) {
        const position = index.get(row.itemId);
        if (position !== undefined) scores[position] = Number.NEGATIVE_INFINITY;
      }
      const count = selectTopK(scores, k, top);
      lists.set(
        userId,
        Array.from(top.subarray(0, count), (position) => catalogue[position] as string),
      );
    }
    const reportBytes = await stores.bulk.getArtifact(ARTIFACT_KINDS.evaluation, version, "report");
    const ownReport = reportBytes === null ? null : (jsonOf(reportBytes) as EvaluationReport);
    return { version, lists, ownReport };
  } finally {
    await stores.close();
  }
}
