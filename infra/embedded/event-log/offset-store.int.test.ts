import assert from "node:assert/strict";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ValidationError } from "../../../core/errors.ts";
import { waitFor } from "../../../core/ports/contracts/wait-for.ts";
import { createFileEventLog } from "./index.ts";
import { OffsetStore } from "./offset-store.ts";
import { withTempDir } from "./test-helpers.ts";

describe("committed offsets", { timeout: 20_000 }, () => {
  it("reports a commit only once its write succeeded", () =>
    withTempDir(async (dir) => {
      const store = await OffsetStore.open(dir, false);
      const groups = join(dir, "groups");
      await rm(groups, { recursive: true });
      await writeFile(groups, "not a directory");
      await assert.rejects(() => store.commit("g", "t", 0, 5));
      assert.equal(store.get("g", "t", 0), undefined, "a failed commit is not committed");
      await rm(groups);
      await mkdir(groups);
      await store.commit("g", "t", 1, 7);
      assert.equal(store.get("g", "t", 1), 7);
      assert.equal(store.get("g", "t", 0), undefined, "the failed commit is not written later either");
      await store.close();
      const reopened = await OffsetStore.open(dir, false);
      assert.equal(reopened.get("g", "t", 1), 7);
      assert.equal(reopened.get("g", "t", 0), undefined);
      await reopened.close();
    }));

  it("commits and reloads a group id of 249 characters, and rejects longer or empty ones", () =>
    withTempDir(async (dir) => {
      const groupId = `g${"é".repeat(248)}`;
      const log = await createFileEventLog({ dir, fsync: false, pollIntervalMs: 20 });
      try {
        await log.createTopics([{ name: "t", partitions: 1 }]);
        await log.produce("t", [{ key: "k", value: "v" }]);
        const handler = async () => {};
        for (const bad of ["", `${groupId}x`]) {
          await assert.rejects(
            () => log.subscribe({ groupId: bad, topics: ["t"], fromBeginning: true, handler }),
            ValidationError,
          );
        }
        await log.subscribe({ groupId, topics: ["t"], fromBeginning: true, handler });
        await waitFor(async () => (await log.committedOffsets(groupId, "t"))[0] === 1, {
          message: "the commit of the long group",
        });
      } finally {
        await log.close();
      }
      const files = await readdir(join(dir, "groups"));
      assert.equal(files.length, 1);
      assert.ok((files[0] as string).length < 100, `short file name: ${files[0]}`);
      const content = JSON.parse(await readFile(join(dir, "groups", files[0] as string), "utf8"));
      assert.equal(content.groupId, groupId);
      const reopened = await createFileEventLog({ dir, fsync: false });
      assert.deepEqual(await reopened.committedOffsets(groupId, "t"), [1]);
      await reopened.close();
    }));

  it("moves a group file named the old way to its new name, keeping its offsets", () =>
    withTempDir(async (dir) => {
      const groups = join(dir, "groups");
      await mkdir(groups);
      const legacy = `${Buffer.from("old-group").toString("base64url")}.json`;
      const file = { version: 1, groupId: "old-group", offsets: { t: { "0": 4 } } };
      await writeFile(join(groups, legacy), JSON.stringify(file));
      const store = await OffsetStore.open(dir, false);
      assert.equal(store.get("old-group", "t", 0), 4);
      assert.ok(!(await readdir(groups)).includes(legacy), "the old name is gone");
      await store.commit("old-group", "t", 0, 9);
      await store.close();
      const reopened = await OffsetStore.open(dir, false);
      assert.equal(reopened.get("old-group", "t", 0), 9, "the newer commit wins after a reopen");
      await reopened.close();
    }));
});
