import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatReportMarkdown } from "./report-markdown.ts";

describe("formatReportMarkdown", () => {
  it("renders one row per model with fixed decimals and seconds", () => {
    const text = formatReportMarkdown({
      protocol: "leave-last-out",
      users: 607,
      catalogue: 9742,
      models: [
        {
          model: "popularity",
          users: 607,
          hr10: 0.05,
          ndcg10: 0.0251,
          hr50: 0.13344,
          coverage10: 0.0012,
          scoringMs: 420,
        },
        {
          model: "a|b",
          users: 607,
          hr10: 0.1,
          ndcg10: 0.05,
          hr50: 0.2,
          coverage10: 0.1,
          scoringMs: 1234,
          trainingMs: 56789,
        },
      ],
    });
    assert.equal(
      text,
      [
        "Protocol: leave-last-out; 607 evaluated users; 9742 catalogue items.",
        "",
        "| model | HR@10 | NDCG@10 | HR@50 | coverage@10 | train s | score s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| popularity | 0.0500 | 0.0251 | 0.1334 | 0.0012 | - | 0.42 |",
        "| a\\|b | 0.1000 | 0.0500 | 0.2000 | 0.1000 | 56.79 | 1.23 |",
        "",
      ].join("\n"),
    );
  });
});
