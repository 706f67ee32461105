import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAdam } from "./adam.ts";

describe("createAdam", () => {
  it("moves each parameter by about the learning rate against its gradient on the first step", () => {
    const params = Float64Array.of(1, 1, 1);
    createAdam(3, 0.01, 0, Uint8Array.of(1, 1, 1)).step(params, Float64Array.of(4, -0.5, 0), 1);
    assert.ok(Math.abs((params[0] as number) - 0.99) < 1e-7);
    assert.ok(Math.abs((params[1] as number) - 1.01) < 1e-7);
    assert.equal(params[2], 1);
  });

  it("adds L2 only where decays is 1", () => {
    const params = Float64Array.of(2, 2);
    createAdam(2, 0.01, 0.5, Uint8Array.of(1, 0)).step(params, new Float64Array(2), 1);
    assert.ok((params[0] as number) < 2);
    assert.equal(params[1], 2);
  });

  it("finds the minimum of a quadratic", () => {
    const params = Float64Array.of(5, -3);
    const adam = createAdam(2, 0.05, 0, Uint8Array.of(0, 0));
    const grads = new Float64Array(2);
    for (let step = 0; step < 2000; step++) {
      grads[0] = 2 * ((params[0] as number) - 1);
      grads[1] = 8 * ((params[1] as number) + 2);
      adam.step(params, grads, 1);
    }
    assert.ok(
      Math.abs((params[0] as number) - 1) < 1e-3 && Math.abs((params[1] as number) + 2) < 1e-3,
      `${params}`,
    );
  });
});
