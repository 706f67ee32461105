import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { byScoreDescending, compareCodePoints } from "./sorted-set-order.ts";

/** UTF-8 byte order, the reference Redis uses. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

describe("sorted set order", () => {
  it("compares members in UTF-8 byte order, including characters beyond U+FFFF", () => {
    const samples = [
      "",
      "a",
      "ab",
      "B",
      "\uffff",
      "\ue000",
      "\u{1f600}",
      "\u{10000}",
      "é",
      "z\u{1f600}",
      "z\uffff",
    ];
    for (const a of samples) {
      for (const b of samples) {
        assert.equal(Math.sign(compareCodePoints(a, b)), Math.sign(compareUtf8(a, b)), `${a} vs ${b}`);
      }
    }
  });

  it("sorts by score descending, then member descending", () => {
    const scores = new Map([
      ["a", 1],
      ["\u{1f600}", 1],
      ["\uffff", 1],
      ["top", 9],
      ["low", -3],
    ]);
    assert.deepEqual(
      byScoreDescending(scores).map((entry) => entry.member),
      ["top", "\u{1f600}", "\uffff", "a", "low"],
    );
  });
});
