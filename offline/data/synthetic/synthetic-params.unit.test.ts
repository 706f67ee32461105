import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../../core/errors.ts";
import { SeededRandom } from "./random.ts";
import { resolveShape, type SyntheticShape } from "./synthetic-params.ts";
import { planUserCounts } from "./user-counts.ts";
import { ZipfSampler } from "./zipf-sampler.ts";

const GOOD: SyntheticShape = { users: 10, items: 20, ratings: 50, seed: 1 };

function rejectsField(shape: SyntheticShape, field: string): void {
  assert.throws(
    () => resolveShape(shape),
    (error: unknown) =>
      error instanceof ValidationError && error.field === field && error.message.includes(field),
    `expected a ValidationError naming ${field}`,
  );
}

describe("resolveShape", () => {
  it("fills defaults", () => {
    assert.deepEqual(resolveShape(GOOD), { ...GOOD, genres: 19, clusters: 2 });
    assert.equal(resolveShape({ ...GOOD, items: 100_000, ratings: 50 }).clusters, 64);
  });

  it("names the bad field", () => {
    rejectsField({ ...GOOD, users: 0 }, "users");
    rejectsField({ ...GOOD, items: 1.5 }, "items");
    rejectsField({ ...GOOD, ratings: -3 }, "ratings");
    rejectsField({ ...GOOD, ratings: 9 }, "ratings");
    rejectsField({ ...GOOD, ratings: 201 }, "ratings");
    rejectsField({ ...GOOD, clusters: 21 }, "clusters");
    rejectsField({ ...GOOD, genres: 0 }, "genres");
    rejectsField({ ...GOOD, seed: Number.NaN }, "seed");
  });
});

describe("planUserCounts", () => {
  it("sums exactly, gives everyone a few and never more than the items", () => {
    for (const shape of [
      GOOD,
      { ...GOOD, ratings: 200 },
      { ...GOOD, users: 1000, items: 50, ratings: 30_000 },
    ]) {
      const counts = planUserCounts(resolveShape(shape), new SeededRandom(3));
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        shape.ratings,
      );
      assert.ok(
        counts.every((c) => c >= Math.min(5, Math.floor(shape.ratings / shape.users)) && c <= shape.items),
      );
    }
  });
});

describe("SeededRandom and ZipfSampler", () => {
  it("repeats for a seed and differs across seeds and streams", () => {
    const draw = (seed: number, stream = 0) => {
      const random = new SeededRandom(seed, stream);
      return Array.from({ length: 5 }, () => random.nextUint32());
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
    assert.notDeepEqual(draw(42), draw(42, 1));
    assert.notDeepEqual(draw(2 ** 40), draw(0));
  });

  it("draws every rank in range, most often the first", () => {
    const sampler = new ZipfSampler(50, 1.05);
    const random = new SeededRandom(9);
    const hits = new Uint32Array(50);
    for (let i = 0; i < 200_000; i++) {
      const rank = sampler.rank(random.next());
      hits[rank] = (hits[rank] as number) + 1;
    }
    assert.ok(hits.every((h) => h > 0));
    assert.ok((hits[0] as number) > 5 * (hits[49] as number));
    assert.ok((hits[0] as number) > (hits[1] as number) && (hits[1] as number) > (hits[10] as number));
  });
});
