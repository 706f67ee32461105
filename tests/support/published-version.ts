import assert from "node:assert/strict";
import { readChunked } from "../../core/chunked-artifacts.ts";
import { parseFeatureTransforms } from "../../core/features/index.ts";
import { decodeGraph } from "../../core/graph/index.ts";
import type { BulkStore, ControlStore, FeatureCache } from "../../core/ports/index.ts";
import { parseRankerModel } from "../../core/ranking/index.ts";
import { bytesToFloat32 } from "../../core/vector-bytes.ts";
import { createAnnIndexFactory } from "../../infra/ann/index.ts";
import {
  ARTIFACT_KINDS,
  cacheKeys,
  EMBEDDING_MODELS,
  embeddingKey,
  VERSION_KINDS,
} from "../../schemas/index.ts";

const decode = (bytes: Uint8Array | null) =>
  bytes === null ? null : JSON.parse(new TextDecoder().decode(bytes));

/** The version's other models: every embedding's vectors, an HNSW index per model, the graph and the ranker. */
async function checkModelsOf(bulk: BulkStore, version: string, probe: { itemId: string }): Promise<void> {
  for (const model of [EMBEDDING_MODELS.deepwalk, EMBEDDING_MODELS.node2vec, EMBEDDING_MODELS.als]) {
    const vector = await bulk.getArtifact(
      ARTIFACT_KINDS.itemEmbeddings,
      version,
      embeddingKey(model, probe.itemId),
    );
    assert.ok(vector, `${model} has a vector for the probe item`);
  }
  const indexBytes = await readChunked(bulk, ARTIFACT_KINDS.annIndexes, version, "hnsw:item2vec");
  assert.ok(indexBytes, "an HNSW index of the Item2Vec vectors");
  const index = createAnnIndexFactory().load(indexBytes);
  const hits = index.search(new Float32Array(index.dimension).fill(1), 5, {
    exclude: new Set([probe.itemId]),
  });
  assert.equal(hits.length, 5);
  const graphBytes = await readChunked(bulk, ARTIFACT_KINDS.behaviourGraph, version, "graph");
  assert.ok(graphBytes && decodeGraph(graphBytes).nodes.length > 0, "the behaviour graph");
  const ranker = parseRankerModel(decode(await bulk.getArtifact(ARTIFACT_KINDS.ranker, version, "model")));
  assert.ok(ranker.featureNames.includes("als:score"), "the ranker reads the ALS channel");
}

/**
 * Reads the serving version through the ports as another tier would, and checks its parts are there and
 * agree: one version for every pointer, vectors of the configured size, parseable transforms, a report.
 */
export async function readPublishedVersion(
  stores: { bulk: BulkStore; control: ControlStore; cache?: FeatureCache },
  probe: { itemId: string; userId: string; dimension: number },
): Promise<string> {
  const pointers = await stores.control.activeVersions();
  const version = pointers[VERSION_KINDS.embeddings];
  assert.ok(version, `no embeddings version is active: ${JSON.stringify(pointers)}`);
  assert.equal(pointers[VERSION_KINDS.features], version);
  assert.equal(pointers[VERSION_KINDS.popularity], version);
  const { bulk } = stores;
  const item = await bulk.getArtifact(
    ARTIFACT_KINDS.itemEmbeddings,
    version,
    embeddingKey(EMBEDDING_MODELS.item2vec, probe.itemId),
  );
  assert.ok(item, "the probe item has an Item2Vec vector");
  assert.equal(bytesToFloat32(item).length, probe.dimension);
  const user = await bulk.getArtifact(
    ARTIFACT_KINDS.userEmbeddings,
    version,
    embeddingKey(EMBEDDING_MODELS.item2vecRecent, probe.userId),
  );
  assert.equal(user === null ? 0 : bytesToFloat32(user).length, probe.dimension);
  const features = decode(await bulk.getArtifact(ARTIFACT_KINDS.itemFeatures, version, probe.itemId));
  assert.equal(features?.itemId, probe.itemId);
  const transforms = parseFeatureTransforms(
    decode(await bulk.getArtifact(ARTIFACT_KINDS.featureTransforms, version, "spec")),
  );
  assert.ok(transforms.genres.length > 0);
  await checkModelsOf(bulk, version, probe);
  const report = decode(await bulk.getArtifact(ARTIFACT_KINDS.evaluation, version, "report"));
  assert.ok(report.models.some((m: { model: string }) => m.model === "item2vec-last"));
  if (stores.cache) {
    const cached = await stores.cache.getVector(
      cacheKeys().itemEmbedding(EMBEDDING_MODELS.item2vec, version, probe.itemId),
    );
    assert.deepEqual(cached, bytesToFloat32(item), "the warmed cache holds the same vector");
  }
  return version;
}
