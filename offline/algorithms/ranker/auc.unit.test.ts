import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { auc } from "./auc.ts";

describe("auc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one and 0.5 for all ties", () => {
    const labels = Uint8Array.of(0, 0, 1, 1);
    assert.equal(auc([0.1, 0.2, 0.3, 0.4], labels), 1);
    assert.equal(auc([0.4, 0.3, 0.2, 0.1], labels), 0);
    assert.equal(auc([1, 1, 1, 1], labels), 0.5);
  });

  it("counts tied pairs half and agrees with counting pairs", () => {
    const scores = [0.5, 0.2, 0.5, 0.9, 0.1, 0.5];
    const labels = Uint8Array.of(1, 0, 0, 1, 1, 0);
    let wins = 0;
    let pairs = 0;
    scores.forEach((p, i) => {
      scores.forEach((n, j) => {
        if (labels[i] !== 1 || labels[j] !== 0) return;
        pairs++;
        wins += p > n ? 1 : p === n ? 0.5 : 0;
      });
    });
    assert.equal(auc(scores, labels), wins / pairs);
  });

  it("uses only the given rows and is NaN with one class", () => {
    const scores = [0.9, 0.1, 0.8, 0.7];
    const labels = Uint8Array.of(1, 0, 0, 1);
    assert.equal(auc(scores, labels, Int32Array.of(0, 1)), 1);
    assert.equal(auc(scores, labels, Int32Array.of(2, 3)), 0);
    assert.ok(Number.isNaN(auc(scores, labels, Int32Array.of(0, 3))));
  });
});
