import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { murmur2, partitionForKey } from "./partitioner.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("murmur2", () => {
  // Expected values from Kafka's own UtilsTest, so keyed records land where a Java producer would put them.
  const known: readonly [string, number][] = [
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
  ];
  for (const [text, expected] of known) {
    it(`hashes "${text}" like Kafka`, () => {
      assert.equal(murmur2(utf8(text)), expected);
    });
  }

  it("hashes the UTF-8 bytes, not UTF-16 code units", () => {
    assert.equal(murmur2(utf8("é")), murmur2(Uint8Array.of(0xc3, 0xa9)));
    assert.notEqual(murmur2(utf8("é")), murmur2(Uint8Array.of(0xe9)));
  });
});

describe("partitionForKey", () => {
  it("takes the positive hash modulo the partition count", () => {
    assert.equal(partitionForKey("21", 7), (-973932308 & 0x7fffffff) % 7);
    assert.equal(partitionForKey("abc", 10), 479470107 % 10);
    assert.equal(partitionForKey("foobar", 1), 0);
  });

  it("spreads many keys over every partition", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(partitionForKey(`user-${i}`, 8));
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
  });

  it("rejects a partition count below one", () => {
    assert.throws(() => partitionForKey("k", 0), RangeError);
    assert.throws(() => partitionForKey("k", 1.5), RangeError);
  });
});
