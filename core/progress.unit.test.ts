import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "./clock.ts";
import { createProgress } from "./progress.ts";

describe("createProgress", () => {
  it("stays quiet for short steps", () => {
    const lines: string[] = [];
    const clock = new ManualClock(0);
    const progress = createProgress({ label: "load", clock, write: (t) => lines.push(t), inPlace: false });
    clock.advance(500);
    progress.update(10);
    progress.finish();
    assert.deepEqual(lines, []);
  });

  it("shows count, percent, rate and ETA for long steps, throttled", () => {
    const lines: string[] = [];
    const clock = new ManualClock(0);
    const progress = createProgress({
      label: "load",
      total: 1000,
      clock,
      write: (t) => lines.push(t),
      inPlace: false,
    });
    clock.advance(2000);
    progress.update(250);
    progress.update(260);
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? "", /load: 250\/1,000 rows \(25\.0%\), ETA 6s, 125 rows\/s, 2s/);
    clock.advance(2000);
    progress.finish("done");
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? "", /260\/1,000.*done/);
  });
});
