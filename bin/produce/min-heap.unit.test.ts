import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seededRandom } from "../../core/ann/random.ts";
import { MinHeap } from "./min-heap.ts";

describe("MinHeap", () => {
  it("pops in ascending order whatever the push order, interleaved with pops", () => {
    const random = seededRandom(5);
    const heap = new MinHeap<number>((a, b) => a - b);
    const popped: number[] = [];
    const pushed: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const value = Math.floor(random.uniform() * 500);
      heap.push(value);
      pushed.push(value);
      if (i % 3 === 0) popped.push(heap.pop() as number);
    }
    while (heap.size > 0) popped.push(heap.pop() as number);
    assert.equal(heap.pop(), undefined);
    assert.deepEqual(
      [...popped].sort((a, b) => a - b),
      [...pushed].sort((a, b) => a - b),
    );
    const tail = popped.slice(667);
    assert.deepEqual(
      tail,
      [...tail].sort((a, b) => a - b),
    );
  });
});
