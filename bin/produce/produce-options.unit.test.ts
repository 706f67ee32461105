import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { parseProduceOptions } from "./produce-options.ts";

describe("parseProduceOptions", () => {
  it("defaults to an unpaced replay without clicks, seed 1", () => {
    assert.deepEqual(parseProduceOptions({}), {
      data: undefined,
      pacing: { kind: "unpaced" },
      clickProbability: 0,
      limit: undefined,
      restamp: false,
      seed: 1,
    });
  });

  it("reads a rate, a speed-up, a click share, a limit and a seed", () => {
    const parsed = parseProduceOptions({
      rate: "1_000",
      clicks: "0.25",
      limit: "200",
      seed: "7",
      restamp: true,
    });
    assert.deepEqual(parsed.pacing, { kind: "rate", eventsPerSecond: 1000 });
    assert.equal(parsed.clickProbability, 0.25);
    assert.equal(parsed.limit, 200);
    assert.equal(parsed.seed, 7);
    assert.equal(parsed.restamp, true);
    assert.deepEqual(parseProduceOptions({ speedup: "1e3" }).pacing, { kind: "speedup", factor: 1000 });
  });

  for (const [raw, flag, pattern] of [
    [{ rate: "-5" }, "--rate", /--rate must be a positive number/],
    [{ rate: "0" }, "--rate", /positive/],
    [{ speedup: "fast" }, "--speedup", /"fast"/],
    [{ rate: "10", speedup: "2" }, "--rate", /cannot be used together/],
    [{ clicks: "1.5" }, "--clicks", /probability from 0 to 1/],
    [{ clicks: "-0.1" }, "--clicks", /probability/],
    [{ limit: "2.5" }, "--limit", /whole number/],
    [{ seed: "-1" }, "--seed", /whole number/],
    [{ data: " " }, "--data", /RECSYS_DATA_DIR/],
  ] as const) {
    it(`rejects ${JSON.stringify(raw)} with a ConfigError naming ${flag}`, () => {
      assert.throws(
        () => parseProduceOptions(raw),
        (error: unknown) =>
          error instanceof ConfigError && error.field === flag && pattern.test(error.message),
      );
    });
  }
});
