import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newVersionId } from "./artifacts.ts";
import { cacheKeys } from "./cache-keys.ts";
import { namespacedTopic, TOPICS, topicForEvent } from "./topics.ts";

describe("names", () => {
  it("builds the documented Redis key layout, with an optional namespace prefix", () => {
    const keys = cacheKeys();
    assert.equal(keys.userHistory("7"), "u:7:hist");
    assert.equal(keys.itemNext("318"), "i:318:next");
    assert.equal(keys.itemEmbedding("item2vec", "v1", "318"), "emb:item2vec:v1:318");
    assert.equal(cacheKeys("t1").userFeatures("7"), "t1:u:7:feat");
  });

  it("maps event types to topics and namespaces topics", () => {
    assert.equal(topicForEvent("rating"), TOPICS.ratings);
    assert.equal(topicForEvent("impression"), "starling.impressions");
    assert.equal(namespacedTopic(TOPICS.clicks, "abc"), "starling.clicks.abc");
  });

  it("makes version ids that sort by time", () => {
    const a = newVersionId(Date.UTC(2026, 0, 2, 3, 4, 5), "x");
    const b = newVersionId(Date.UTC(2026, 0, 10), "x");
    assert.equal(a, "v20260102030405-x");
    assert.ok(a < b);
  });
});
