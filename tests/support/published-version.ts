import assert from "node:assert/strict";
import { parseFeatureTransforms } from "../../core/features/index.ts";
import type { BulkStore, ControlStore, FeatureCache } from "../../core/ports/index.ts";
import { bytesToFloat32 } from "../../core/vector-bytes.ts";
import {
  ARTIFACT_KINDS,
  cacheKeys,
  EMBEDDING_MODELS,
  embeddingKey,
  VERSION_KINDS,
} from "../../schemas/index.ts";

const decode = (bytes: Uint8Array | null) =>
  bytes === null ? null : JSON.parse(new TextDecoder().decode(bytes));

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
