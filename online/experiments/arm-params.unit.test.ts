import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseArmParams, parseQuotasSwitch } from "./arm-params.ts";

describe("parseArmParams", () => {
  it("keeps the model and quotas, and ignores other keys", () => {
    const parsed = parseArmParams({
      model: "embedding",
      quotas: { trending: 20, "item2vec-mean": 0 },
      note: "x",
    });
    assert.deepEqual(parsed, {
      ok: true,
      value: { model: "embedding", quotas: { trending: 20, "item2vec-mean": 0 } },
    });
    assert.deepEqual(parseArmParams({}), { ok: true, value: {} });
  });

  const bad: [string, unknown, string][] = [
    ["an unknown model", { model: "magic" }, "model"],
    ["a negative quota", { quotas: { trending: -1 } }, "quotas.trending"],
    ["a quota over 500", { quotas: { trending: 501 } }, "quotas.trending"],
    ["a fractional quota", { quotas: { genre: 2.5 } }, "quotas.genre"],
    ["a channel name that is not an id", { quotas: { "bad/name": 1 } }, "quotas.bad/name"],
    ["quotas that are not an object", { quotas: [1, 2] }, "quotas"],
    ["params that are not an object", "ranker", "(params)"],
  ];
  for (const [what, params, field] of bad) {
    it(`refuses ${what}, naming ${field}`, () => {
      const parsed = parseArmParams(params);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.ok(parsed.problem.startsWith(`${field}:`), parsed.problem);
    });
  }
});

describe("parseQuotasSwitch", () => {
  it("parses a JSON quota map", () => {
    assert.deepEqual(parseQuotasSwitch('{"trending":30,"als":10}'), {
      ok: true,
      value: { trending: 30, als: 10 },
    });
  });

  it("refuses text that is not JSON or not a quota map", () => {
    assert.deepEqual(parseQuotasSwitch("{trending:30"), { ok: false, problem: "not valid JSON" });
    const parsed = parseQuotasSwitch('{"trending":"30"}');
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.ok(parsed.problem.startsWith("trending:"), parsed.problem);
  });
});
