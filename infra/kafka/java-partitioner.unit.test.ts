import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { Partitioners } from "kafkajs";
import { partitionForKey } from "../../core/partitioner.ts";
import { javaCompatiblePartitioner } from "./java-partitioner.ts";

const metadataOf = (count: number) =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));

describe("javaCompatiblePartitioner", () => {
  it("agrees with kafkajs' Java-compatible DefaultPartitioner and core partitionForKey", () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    const ours = javaCompatiblePartitioner();
    const keys = [
      "",
      "a",
      "user-1",
      "héllo wörld",
      ...Array.from({ length: 2000 }, () => randomBytes(9).toString("base64")),
    ];
    for (const count of [1, 2, 3, 4, 7, 12, 64]) {
      const partitionMetadata = metadataOf(count);
      for (const key of keys) {
        const expected = partitionForKey(key, count);
        const message = { key, value: "v" };
        assert.equal(
          kafkajs({ topic: "t", partitionMetadata, message }),
          expected,
          `kafkajs ${key}/${count}`,
        );
        assert.equal(ours({ topic: "t", partitionMetadata, message }), expected, `ours ${key}/${count}`);
        const bytes = { key: Buffer.from(key, "utf8"), value: "v" };
        assert.equal(
          ours({ topic: "t", partitionMetadata, message: bytes }),
          expected,
          `buffer ${key}/${count}`,
        );
      }
    }
  });

  it("keeps an explicit partition", () => {
    const ours = javaCompatiblePartitioner();
    const message = { key: "user-1", value: "v", partition: 2 };
    assert.equal(ours({ topic: "t", partitionMetadata: metadataOf(3), message }), 2);
  });
});
