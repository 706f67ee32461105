import { type BehaviourGraph, encodeGraph, neighbours } from "../../../core/graph/index.ts";
import type { ArtifactEntry, CacheWrite } from "../../../core/ports/index.ts";
import type { RankerModel } from "../../../core/ranking/index.ts";
import { float32ToBytes } from "../../../core/vector-bytes.ts";
import { ARTIFACT_KINDS, cacheKeys, embeddingKey, VERSION_KINDS } from "../../../schemas/index.ts";
import type { EvaluationReport } from "../../evaluate/index.ts";
import { formatReportMarkdown } from "../../evaluate/index.ts";
import { chunkedEntries } from "../publish/chunked-bytes.ts";
import { jsonBytes, type VersionBundle } from "../publish/index.ts";
import { popularityArtifacts, popularityCacheWrites } from "../publish-popularity.ts";
import { type EmbeddingSet, itemVectorMap } from "./embedding-set.ts";
import { promotionScore } from "./evaluate-stage.ts";
import type { FeatureSet } from "./features-stage.ts";
import type { BuiltIndex } from "./indexes-stage.ts";
import { jsonLines, word2vecText } from "./vector-file.ts";

export interface VersionParts {
  readonly version: string;
  readonly features: FeatureSet;
  readonly embeddings: EmbeddingSet;
  readonly graph: BehaviourGraph;
  readonly indexes: readonly BuiltIndex[];
  /** Null when the data was too small to train one. */
  readonly ranker: RankerModel | null;
  readonly report: EvaluationReport;
  /** Users whose keys are warmed in the cache. */
  readonly hotUsers: readonly string[];
  readonly userTtlMs: number;
}

/** How many successors per item the graph recall channel gets in the cache. */
const GRAPH_NEIGHBOURS = 20;

const jsonEntries = (map: ReadonlyMap<string, unknown>): ArtifactEntry[] =>
  [...map].map(([key, value]) => ({ key, value: jsonBytes(value) }));

const vectorEntries = (model: string, map: ReadonlyMap<string, Float32Array>): ArtifactEntry[] =>
  [...map].map(([id, vector]) => ({ key: embeddingKey(model, id), value: float32ToBytes(vector) }));

function artifacts(parts: VersionParts): VersionBundle["artifacts"] {
  const { features, embeddings, report } = parts;
  return [
    ...popularityArtifacts(features.popularity),
    { kind: ARTIFACT_KINDS.itemFeatures, entries: jsonEntries(features.items) },
    { kind: ARTIFACT_KINDS.userFeatures, entries: jsonEntries(features.users) },
    {
      kind: ARTIFACT_KINDS.featureTransforms,
      entries: [{ key: "spec", value: jsonBytes(features.transforms) }],
    },
    {
      kind: ARTIFACT_KINDS.itemEmbeddings,
      entries: embeddings.items.flatMap((e) => vectorEntries(e.model, itemVectorMap(e))),
    },
    {
      kind: ARTIFACT_KINDS.userEmbeddings,
      entries: embeddings.users.flatMap((e) => vectorEntries(e.model, e.vectors)),
    },
    { kind: ARTIFACT_KINDS.behaviourGraph, entries: chunkedEntries("graph", encodeGraph(parts.graph)) },
    {
      kind: ARTIFACT_KINDS.annIndexes,
      entries: parts.indexes.flatMap((index) => chunkedEntries(index.name, index.bytes)),
    },
    {
      kind: ARTIFACT_KINDS.ranker,
      entries: parts.ranker ? [{ key: "model", value: jsonBytes(parts.ranker) }] : [],
    },
    { kind: ARTIFACT_KINDS.evaluation, entries: [{ key: "report", value: jsonBytes(report) }] },
  ];
}

function userWrites(parts: VersionParts, userId: string): CacheWrite[] {
  const keys = cacheKeys();
  const { version, userTtlMs: ttlMs, features, embeddings } = parts;
  const writes: CacheWrite[] = [];
  const userFeatures = features.users.get(userId);
  if (userFeatures) {
    writes.push({
      op: "set",
      key: keys.userFeaturesAt(userId, version),
      value: JSON.stringify(userFeatures),
      ttlMs,
    });
  }
  for (const { model, vectors } of embeddings.users) {
    const vector = vectors.get(userId);
    if (vector)
      writes.push({ op: "setVector", key: keys.userEmbedding(userId, model, version), vector, ttlMs });
  }
  return writes;
}

/** Each item's strongest successors in the behaviour graph, for the online graph recall channel. */
function graphWrites(parts: VersionParts): CacheWrite[] {
  const keys = cacheKeys();
  const writes: CacheWrite[] = [];
  for (const itemId of parts.graph.nodes) {
    const entries = neighbours(parts.graph, itemId, GRAPH_NEIGHBOURS).map((n) => ({
      member: n.itemId,
      score: n.weight,
    }));
    if (entries.length > 0) writes.push({ op: "zadd", key: keys.graphNext(parts.version, itemId), entries });
  }
  return writes;
}

function cacheWrites(parts: VersionParts): CacheWrite[] {
  const keys = cacheKeys();
  const { version, features } = parts;
  const writes = popularityCacheWrites(features.popularity, version);
  writes.push({
    op: "set",
    key: keys.featureTransforms(version),
    value: JSON.stringify(features.transforms),
  });
  for (const [itemId, item] of features.items) {
    writes.push({ op: "set", key: keys.itemFeatures(version, itemId), value: JSON.stringify(item) });
  }
  for (const embedding of parts.embeddings.items) {
    for (const [itemId, vector] of itemVectorMap(embedding)) {
      writes.push({ op: "setVector", key: keys.itemEmbedding(embedding.model, version, itemId), vector });
    }
  }
  writes.push(...graphWrites(parts));
  for (const userId of parts.hotUsers) writes.push(...userWrites(parts, userId));
  return writes;
}

function files(parts: VersionParts): VersionBundle["files"] {
  const vectorFiles = parts.embeddings.items.map((e) => ({
    name: `${e.model}.vec`,
    content: word2vecText(e.itemIds, e.dimension, e.vectors),
  }));
  return [
    ...parts.indexes.map((index) => ({ name: `${index.name.replace(":", "-")}.ann`, content: index.bytes })),
    ...(parts.ranker ? [{ name: "ranker.json", content: `${JSON.stringify(parts.ranker)}\n` }] : []),
    { name: "behaviour-graph.bin", content: encodeGraph(parts.graph) },
    { name: "evaluation.json", content: `${JSON.stringify(parts.report, null, 2)}\n` },
    { name: "evaluation.md", content: formatReportMarkdown(parts.report) },
    { name: "feature-transforms.json", content: `${JSON.stringify(parts.features.transforms, null, 2)}\n` },
    { name: "item-features.jsonl", content: jsonLines(parts.features.items.values()) },
    {
      name: "user-features.jsonl",
      content: jsonLines(parts.features.users.values()),
    },
    ...vectorFiles,
  ];
}

/** Everything one training run publishes, as one bundle under one version id for all pointer kinds. */
export function assembleVersion(parts: VersionParts): VersionBundle {
  const score = promotionScore(parts.report);
  return {
    pointers: [VERSION_KINDS.embeddings, VERSION_KINDS.features, VERSION_KINDS.popularity],
    artifacts: artifacts(parts),
    cacheWrites: cacheWrites(parts),
    files: files(parts),
    ...(score === undefined ? {} : { score }),
  };
}
