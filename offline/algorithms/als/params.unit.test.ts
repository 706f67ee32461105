import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildInteractions } from "./interactions.ts";
import { type AlsParams, DEFAULT_ALS_PARAMS, validateAlsParams } from "./params.ts";
import { trainImplicitAls } from "./train.ts";

const valid: AlsParams = { factors: 4, regularization: 0.1, alpha: 10, iterations: 2, seed: 1, threads: 1 };

describe("validateAlsParams", () => {
  it("fills in the solver defaults", () => {
    assert.deepEqual(validateAlsParams(valid), { ...valid, cgSteps: 3, solver: "cg" });
    assert.deepEqual(validateAlsParams(DEFAULT_ALS_PARAMS), DEFAULT_ALS_PARAMS);
  });

  const cases: [Partial<Record<keyof AlsParams, unknown>>, RegExp][] = [
    [{ factors: 0 }, /ALS: factors must be a positive integer, got 0/],
    [{ factors: 2.5 }, /ALS: factors must be a positive integer, got 2.5/],
    [{ iterations: -1 }, /ALS: iterations must be a positive integer/],
    [{ threads: Number.NaN }, /ALS: threads must be a positive integer, got NaN/],
    [{ cgSteps: 0 }, /ALS: cgSteps must be a positive integer, got 0/],
    [{ seed: 1.5 }, /ALS: seed must be a safe integer, got 1.5/],
    [{ regularization: 0 }, /ALS: regularization must be a finite number > 0, got 0/],
    [{ regularization: Number.POSITIVE_INFINITY }, /ALS: regularization must be a finite number > 0/],
    [{ alpha: -1 }, /ALS: alpha must be a finite number >= 0, got -1/],
    [{ solver: "lu" }, /ALS: solver must be "cg" or "cholesky", got lu/],
  ];
  for (const [change, message] of cases) {
    it(`rejects ${JSON.stringify(change)}`, () => {
      assert.throws(() => validateAlsParams({ ...valid, ...change } as AlsParams), message);
    });
  }
});

describe("trainImplicitAls input checks", () => {
  const interactions = buildInteractions([{ userId: "u", itemId: "i", rating: 4 }]);

  it("rejects invalid parameters before training", async () => {
    await assert.rejects(trainImplicitAls(interactions, { ...valid, alpha: Number.NaN }), /ALS: alpha/);
  });

  it("rejects interactions whose indices leave the factor rows", async () => {
    const broken = { ...interactions, userItems: { ...interactions.userItems, indices: Int32Array.of(1) } };
    await assert.rejects(
      trainImplicitAls(broken, valid),
      /ALS: interactions.userItems index 1 is outside 0..0/,
    );
  });

  it("rejects negative interaction values", async () => {
    const values = Float32Array.of(-1);
    const broken = { ...interactions, itemUsers: { ...interactions.itemUsers, values } };
    await assert.rejects(trainImplicitAls(broken, valid), /ALS: interactions.itemUsers value -1/);
  });

  it("rejects offsets that do not match the ids", async () => {
    const broken = { ...interactions, userIds: ["u", "v"] };
    await assert.rejects(trainImplicitAls(broken, valid), /ALS: interactions.userItems offsets must have 3/);
  });
});
