import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { histogramOf, metricsDelta, parseMetrics, sumBy } from "./prom-text.ts";

const BEFORE = `# HELP starling_online_stage_seconds Time per request stage
# TYPE starling_online_stage_seconds histogram
starling_online_stage_seconds_bucket{le="0.001",stage="lookup"} 1
starling_online_stage_seconds_bucket{le="0.01",stage="lookup"} 3
starling_online_stage_seconds_bucket{le="+Inf",stage="lookup"} 4
starling_online_stage_seconds_sum{stage="lookup"} 0.5
starling_online_stage_seconds_count{stage="lookup"} 4
starling_online_degraded_total{reason="cache:open"} 2
`;

const AFTER = `starling_online_stage_seconds_bucket{le="0.001",stage="lookup"} 11
starling_online_stage_seconds_bucket{le="0.01",stage="lookup"} 23
starling_online_stage_seconds_bucket{le="+Inf",stage="lookup"} 24
starling_online_stage_seconds_sum{stage="lookup"} 0.7
starling_online_stage_seconds_count{stage="lookup"} 24
starling_online_stage_seconds_bucket{le="0.001",stage="rank"} 5
starling_online_stage_seconds_bucket{le="0.01",stage="rank"} 5
starling_online_stage_seconds_bucket{le="+Inf",stage="rank"} 5
starling_online_stage_seconds_sum{stage="rank"} 0.002
starling_online_stage_seconds_count{stage="rank"} 5
starling_online_degraded_total{reason="cache:open"} 7
starling_online_degraded_total{reason="bulk:timeout"} 1
starling_online_request_seconds_count{route="/api/v1/users/:id/recommendations",method="GET",status="200"} 3
`;

describe("parseMetrics", () => {
  it("reads names, labels and values, +Inf included, and skips comments", () => {
    const samples = parseMetrics(BEFORE);
    assert.equal(samples.length, 6);
    assert.deepEqual(samples[2], {
      name: "starling_online_stage_seconds_bucket",
      labels: { le: "+Inf", stage: "lookup" },
      value: 4,
    });
  });

  it("keeps label values with commas and escaped quotes whole", () => {
    const [sample] = parseMetrics('m{a="x,y",b="say \\"hi\\""} 1.5e-3');
    assert.deepEqual(sample?.labels, { a: "x,y", b: 'say "hi"' });
    assert.equal(sample?.value, 0.0015);
  });
});

describe("metricsDelta", () => {
  it("subtracts the earlier value of the same series, and keeps series new in the later scrape whole", () => {
    const delta = metricsDelta(parseMetrics(BEFORE), parseMetrics(AFTER));
    assert.deepEqual(sumBy(delta, "starling_online_degraded_total", "reason"), {
      "cache:open": 5,
      "bulk:timeout": 1,
    });
    const lookup = histogramOf(delta, "starling_online_stage_seconds", { stage: "lookup" });
    assert.deepEqual(lookup.buckets, [
      { le: 0.001, count: 10 },
      { le: 0.01, count: 20 },
      { le: Number.POSITIVE_INFINITY, count: 20 },
    ]);
    assert.equal(lookup.count, 20);
    assert.ok(Math.abs(lookup.sum - 0.2) < 1e-12);
    assert.equal(histogramOf(delta, "starling_online_stage_seconds", { stage: "rank" }).count, 5);
  });

  it("sums a histogram over every label set when no labels are asked for", () => {
    const all = histogramOf(parseMetrics(AFTER), "starling_online_stage_seconds");
    assert.equal(all.count, 29);
    assert.equal(all.buckets[0]?.count, 16);
  });
});
