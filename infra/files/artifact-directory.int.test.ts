import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createArtifactDirectory } from "./artifact-directory.ts";

describe("ArtifactDirectory", async () => {
  const root = await mkdtemp(join(tmpdir(), "starling-artifacts-"));
  after(() => rm(root, { recursive: true, force: true }));

  it("writes a version as a whole, replaces it as a whole and deletes it", async () => {
    const files = createArtifactDirectory({ dir: join(root, "a") });
    await files.writeVersion("v1", [
      { name: "a.json", content: "{}" },
      { name: "b.bin", content: new Uint8Array([1, 2]) },
    ]);
    await files.writeVersion("v1", [{ name: "c.txt", content: "x" }]);
    assert.deepEqual(await readdir(join(root, "a", "v1")), ["c.txt"]);
    assert.deepEqual(await files.listVersions(), ["v1"]);
    await files.deleteVersion("v1");
    await files.deleteVersion("v1");
    assert.deepEqual(await files.listVersions(), []);
  });

  it("leaves no version visible when a write fails part way", async () => {
    const files = createArtifactDirectory({ dir: join(root, "b") });
    const bad = [
      { name: "ok.txt", content: "fine" },
      { name: "../escape", content: "no" },
    ];
    await assert.rejects(files.writeVersion("v2", bad), /not a safe file name/);
    assert.deepEqual(await files.listVersions(), []);
  });

  it("points at the active version, null before the first mark", async () => {
    const files = createArtifactDirectory({ dir: join(root, "c") });
    assert.equal(await files.active(), null);
    await files.markActive("v3");
    await files.markActive("v4");
    assert.equal(await files.active(), "v4");
    assert.equal(await readFile(join(root, "c", "ACTIVE"), "utf8"), "v4\n");
    await assert.rejects(files.markActive("../x"), /not a safe file name/);
  });
});
