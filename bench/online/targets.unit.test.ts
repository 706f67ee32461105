import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SectionResult } from "../stores/section-result.ts";
import { CEILING, RECOMMENDATIONS } from "./main-section.ts";
import { PAUSED } from "./paused-section.ts";
import { referenceBody } from "./reference-body.ts";
import { runtimeWindow } from "./runtime-reads.ts";
import { checkTargets, limitsOf } from "./targets.ts";

const series = (measure: string, values: number[]) => ({ measure, unit: "", values });

function results(ratio: number[], p99: number[], pausedErrors: number[]): SectionResult[] {
  return [
    {
      section: "main",
      series: [
        series(`${CEILING}: req/s`, [10_000, 11_000, 9000]),
        series(`${RECOMMENDATIONS}: req/s / ceiling`, ratio),
        series(`${RECOMMENDATIONS}: p99`, p99),
        series(`${RECOMMENDATIONS}: server event loop busy`, [99, 98, 97]),
        series(`${RECOMMENDATIONS}: server CPU`, [1.05, 1.1, 1.0]),
        series(`${RECOMMENDATIONS}: server GC`, [12, 11, 13]),
        series(`${RECOMMENDATIONS}: lookup stage mean`, [2, 3, 4]),
      ],
      notes: [],
      details: {},
    },
    {
      section: "paused",
      series: [series(`${PAUSED}: non-2xx + errors`, pausedErrors), series(`${PAUSED}: p99`, [40, 50, 60])],
      notes: [],
      details: {},
    },
  ];
}

describe("checkTargets", () => {
  it("checks the medians against issue 7's targets and explains only the missed ones", () => {
    const checks = checkTargets(results([20, 25, 40], [12, 14, 50], [0, 0, 0]), 2, 2);
    const byName = new Map(checks.map((c) => [c.target, c]));
    const ratio = byName.get("recommendations req/s >= 30% of the ceiling's");
    assert.equal(ratio?.measured, 25);
    assert.equal(ratio?.met, false);
    assert.ok(ratio?.limits.some((l) => l.startsWith("CPU-bound in the server's JS thread")));
    assert.ok(ratio?.limits.some((l) => l.startsWith("GC took 12.0%")));
    assert.ok(ratio?.limits.some((l) => l.includes("lookup 3.00 ms")));
    const p99 = byName.get("recommendations p99 < 30 ms");
    assert.deepEqual([p99?.measured, p99?.met, p99?.limits], [14, true, []]);
    assert.equal(byName.get("Redis paused: p99 < 100 ms")?.met, true);
    assert.equal(byName.get("x2 workers: recommendations p99 < 30 ms")?.met, null);
  });

  it("judges errors under a paused Redis by the worst run", () => {
    const checks = checkTargets(results([40, 40, 40], [10, 10, 10], [0, 3, 0]), 2, 2);
    const errors = checks.find((c) => c.target.startsWith("Redis paused: 0 non-2xx"));
    assert.deepEqual([errors?.measured, errors?.met], [3, false]);
  });

  it("tells a starved process (busy loop, little CPU) from a CPU-bound one", () => {
    const starved = results([1], [500], [0]);
    const main = starved[0] as SectionResult;
    main.series = main.series.map((s) =>
      s.measure.endsWith("server CPU") ? series(s.measure, [0.4, 0.4, 0.4]) : s,
    );
    assert.ok(limitsOf(starved, RECOMMENDATIONS, 2)[0]?.startsWith("starved of CPU"));
  });
});

describe("referenceBody", () => {
  it("is exactly the asked size as JSON", () => {
    assert.equal(JSON.stringify(referenceBody(2048)).length, 2048);
  });
});

describe("runtimeWindow", () => {
  it("derives the event-loop busy share, GC share and cores from two cumulative samples", () => {
    const at = (atMs: number, activeMs: number, idleMs: number, gcMs: number, cpuMs: number) => ({
      pid: 1,
      atMs,
      activeMs,
      idleMs,
      gcMs,
      gcCount: gcMs,
      cpuMs,
      heapUsedMB: 10,
      rssMB: 50,
    });
    const window = runtimeWindow(at(1000, 100, 900, 5, 200), at(3000, 1600, 1400, 105, 2200));
    assert.deepEqual(window, {
      eventLoopUtilization: 0.75,
      gcShare: 0.05,
      gcPauses: 100,
      cpuCores: 1,
      heapUsedMB: 10,
      rssMB: 50,
    });
    assert.equal(runtimeWindow(at(1000, 0, 0, 0, 0), at(1050, 10, 10, 0, 0)), null);
  });
});
