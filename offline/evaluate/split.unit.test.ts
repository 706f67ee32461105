import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareItemIds } from "./rating-order.ts";
import { splitLeaveLastOut } from "./split.ts";
import type { RatingRow } from "./types.ts";

function r(userId: string, itemId: string, rating: number, timestamp: number): RatingRow {
  return { userId, itemId, rating, timestamp };
}

function items(rows: readonly RatingRow[] | undefined): string[] {
  return (rows ?? []).map((row) => `${row.userId}:${row.itemId}`);
}

const ratings: RatingRow[] = [
  // a: liked 3@60, 7@90, 9@100, 10@100. At t=100 numeric order puts 9 before 10, so 10 is held out (string
  // order would pick "9"). Everything at t=100 goes, including the disliked 5: train = 2, 3, 7.
  r("a", "10", 4, 100),
  r("a", "9", 5, 100),
  r("a", "2", 2, 50),
  r("a", "3", 4, 60),
  r("c", "1", 5, 1),
  r("a", "5", 3, 100),
  r("a", "7", 5, 90),
  // b: string ids tie at t=5; "x10" < "x9" as strings, so x9 is held out; x10 (same timestamp) is removed,
  // leaving the liked x1@1 for training.
  r("b", "x10", 4, 5),
  r("b", "x9", 4, 5),
  r("b", "x1", 4, 1),
  // c: one liked rating only -> not evaluated, keeps both ratings.
  r("c", "2", 1, 2),
  // d: nothing liked -> not evaluated, kept.
  r("d", "1", 2, 3),
  // f: two likes, but at one timestamp: cutting there would leave no liked training item, so f is treated
  // like a single-like user (not evaluated, kept whole). This is what makes ml-latest-small count 607.
  r("f", "2", 5, 7),
  r("f", "1", 1, 3),
  r("f", "3", 4, 7),
  // e: 3.5 counts as liked, so "2"@2 is held out; the later disliked "3"@3 is removed too: train = 1.
  r("e", "1", 4, 1),
  r("e", "2", 3.5, 2),
  r("e", "3", 1, 3),
];

describe("compareItemIds", () => {
  it("compares decimal ids as numbers and other ids as strings", () => {
    assert.ok(compareItemIds("9", "10") < 0);
    assert.ok(compareItemIds("x10", "x9") < 0);
    assert.ok(compareItemIds("18446744073709551616", "18446744073709551615") > 0);
    assert.ok(compareItemIds("10", "a") < 0);
    assert.notEqual(compareItemIds("007", "7"), 0);
    assert.equal(compareItemIds("42", "42"), 0);
  });
});

describe("splitLeaveLastOut", () => {
  const split = splitLeaveLastOut(ratings);

  it("holds out the last liked item per evaluated user, ties broken by item id", () => {
    assert.deepEqual(
      [...split.heldOut],
      [
        ["a", "10"],
        ["b", "x9"],
        ["e", "2"],
      ],
    );
  });

  it("removes each evaluated user's ratings at or after the held-out timestamp", () => {
    assert.deepEqual(items(split.trainByUser.get("a")), ["a:2", "a:3", "a:7"]);
    assert.deepEqual(items(split.trainByUser.get("b")), ["b:x1"]);
    assert.deepEqual(items(split.trainByUser.get("e")), ["e:1"]);
  });

  it("keeps users with fewer than 2 liked ratings whole, sorted by (timestamp, item)", () => {
    assert.deepEqual(items(split.trainByUser.get("c")), ["c:1", "c:2"]);
    assert.deepEqual(items(split.trainByUser.get("d")), ["d:1"]);
    assert.deepEqual(items(split.trainByUser.get("f")), ["f:1", "f:2", "f:3"]);
    assert.equal(split.heldOut.has("c"), false);
    assert.equal(split.heldOut.has("d"), false);
    assert.equal(split.heldOut.has("f"), false);
  });

  it("lists the training ratings of all users in input order", () => {
    assert.deepEqual(items(split.train), [
      "a:2",
      "a:3",
      "c:1",
      "a:7",
      "b:x1",
      "c:2",
      "d:1",
      "f:2",
      "f:1",
      "f:3",
      "e:1",
    ]);
  });

  it("honours a custom like threshold", () => {
    // With threshold 5, a likes 7@90 and 9@100 only: 9 is held out; f likes one item; b and e like nothing.
    const strict = splitLeaveLastOut(ratings, 5);
    assert.deepEqual([...strict.heldOut], [["a", "9"]]);
    assert.deepEqual(items(strict.trainByUser.get("a")), ["a:2", "a:3", "a:7"]);
    assert.equal(strict.train.length, ratings.length - 3);
  });

  it("returns empty maps for no ratings", () => {
    const empty = splitLeaveLastOut([]);
    assert.equal(empty.heldOut.size, 0);
    assert.equal(empty.train.length, 0);
  });
});
