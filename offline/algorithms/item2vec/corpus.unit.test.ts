import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildCorpus, type Corpus } from "./corpus.ts";

function sentencesOf(corpus: Corpus): string[][] {
  const out: string[][] = [];
  const starts = corpus.sentenceStarts;
  for (let s = 0; s < starts.length; s++) {
    const end = s + 1 < starts.length ? (starts[s + 1] as number) : corpus.tokens.length;
    out.push([...corpus.tokens.subarray(starts[s], end)].map((t) => corpus.vocab[t] as string));
  }
  return out;
}

describe("buildCorpus", () => {
  it("orders the vocab by count descending, then by id", () => {
    const corpus = buildCorpus(
      [
        ["b", "a", "c"],
        ["c", "b", "d"],
        ["d", "c"],
      ],
      1,
    );
    assert.deepEqual(corpus.vocab, ["c", "b", "d", "a"]);
    assert.deepEqual([...corpus.counts], [3, 2, 2, 1]);
    assert.deepEqual([...corpus.sentenceStarts], [0, 3, 6]);
    assert.deepEqual([...corpus.tokens], [1, 3, 0, 0, 1, 2, 2, 0]);
  });

  it("drops rare items, then sentences left with fewer than two items, and items that only they held", () => {
    const corpus = buildCorpus(
      [
        ["x", "y", "rare1"],
        ["x", "rare2"],
        ["y", "z", "x"],
        ["z", "rare3"],
        ["w", "rare4"],
        ["w", "rare5"],
        [],
        ["solo"],
      ],
      2,
    );
    assert.deepEqual(sentencesOf(corpus), [
      ["x", "y"],
      ["y", "z", "x"],
    ]);
    assert.deepEqual(corpus.vocab, ["x", "y", "z"]);
    assert.deepEqual([...corpus.counts], [2, 2, 1], "counts are taken over the kept sentences");
  });

  it("reads a one-shot iterable and accepts an empty input", () => {
    function* gen() {
      yield ["a", "b"];
      yield ["b", "a"];
    }
    assert.deepEqual(sentencesOf(buildCorpus(gen(), 1)), [
      ["a", "b"],
      ["b", "a"],
    ]);
    const empty = buildCorpus([], 1);
    assert.equal(empty.vocab.length, 0);
    assert.equal(empty.tokens.length, 0);
    assert.equal(empty.sentenceStarts.length, 0);
  });

  it("rejects a minCount that is not a positive integer", () => {
    assert.throws(() => buildCorpus([["a", "b"]], 0), /minCount/);
    assert.throws(() => buildCorpus([["a", "b"]], 1.5), /minCount/);
  });
});
