import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listedGenres, multiHot, NO_GENRES_LISTED, oneHot } from "./categorical.ts";

const vocabulary = ["Action", "Comedy", "Drama"];

describe("categorical encoders", () => {
  it("one-hot marks the value's position", () => {
    assert.deepEqual(Array.from(oneHot("Comedy", vocabulary)), [0, 1, 0]);
    assert.deepEqual(Array.from(oneHot("Action", vocabulary)), [1, 0, 0]);
  });

  it("one-hot is all zeros for unknown, null and undefined values", () => {
    for (const value of ["Western", null, undefined, ""]) {
      assert.deepEqual(Array.from(oneHot(value, vocabulary)), [0, 0, 0]);
    }
    assert.equal(oneHot("Comedy", []).length, 0);
  });

  it("multi-hot marks every known value once and ignores unknown ones", () => {
    assert.deepEqual(Array.from(multiHot(["Drama", "Action", "Drama", "Western"], vocabulary)), [1, 0, 1]);
    assert.deepEqual(Array.from(multiHot([], vocabulary)), [0, 0, 0]);
  });

  it("drops the no-genre marker but keeps the listed order", () => {
    assert.deepEqual(listedGenres(["Drama", NO_GENRES_LISTED, "", "Action"]), ["Drama", "Action"]);
    assert.deepEqual(listedGenres([NO_GENRES_LISTED]), []);
  });
});
