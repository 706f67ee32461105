import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { featuresOfTally } from "../features/index.ts";
import { genreFields, tallyOfFeatureHash } from "./feature-fields.ts";
import {
  decodeHistoryEntry,
  decodeLikedEntry,
  encodeHistoryEntry,
  encodeLikedEntry,
} from "./history-entry.ts";

describe("user-state codecs", () => {
  it("history entries round-trip, and corrupt ones read as null", () => {
    const rating = {
      eventId: "e1",
      type: "rating",
      itemId: "318",
      timestamp: 1_700_000_000_000,
      rating: 4.5,
    } as const;
    const click = { eventId: "e2", type: "click", itemId: "1", timestamp: 1_700_000_000_001 } as const;
    assert.deepEqual(decodeHistoryEntry(encodeHistoryEntry(rating)), rating);
    assert.deepEqual(decodeHistoryEntry(encodeHistoryEntry(click)), click);
    for (const bad of [
      "garbage",
      "null",
      "[]",
      '{"e":"x","k":"z","i":"1","t":1}',
      '{"e":1,"k":"r","i":"1","t":1}',
    ]) {
      assert.equal(decodeHistoryEntry(bad), null, bad);
    }
  });

  it("liked entries keep ids with separators and reject a missing time", () => {
    assert.deepEqual(decodeLikedEntry(encodeLikedEntry("a:b|c", 42)), { itemId: "a:b|c", timestamp: 42 });
    assert.equal(decodeLikedEntry("318|"), null);
    assert.equal(decodeLikedEntry("|5"), null);
  });

  it("a features hash of half-star counters gives the offline features", () => {
    const drama = genreFields("Drama");
    const hash = {
      n: "3",
      s2: "21",
      l: "2",
      last: "5000",
      [drama.count]: "2",
      [drama.halfStarSum]: "16",
      [drama.liked]: "2",
    };
    const tally = tallyOfFeatureHash(hash);
    assert.ok(tally);
    const features = featuresOfTally("u", tally, 5000);
    assert.equal(features.ratingCount, 3);
    assert.equal(features.averageRating, 3.5);
    // Drama: mean 4 against 3.5 overall, shrunk by 2 / (2 + 5).
    assert.ok(Math.abs((features.genreAffinity.Drama as number) - 0.5 * (2 / 7)) < 1e-12);
    assert.equal(features.genreLikedShare.Drama, 1);
    assert.equal(tallyOfFeatureHash({}), null);
  });
});
