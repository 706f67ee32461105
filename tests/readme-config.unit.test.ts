import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { envTable } from "../core/config/index.ts";

describe("README configuration table", () => {
  it("documents every RECSYS_* variable the config reads", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const missing = envTable.filter((entry) => !readme.includes(`\`${entry.name}\``)).map((e) => e.name);
    assert.deepEqual(missing, []);
  });
});
