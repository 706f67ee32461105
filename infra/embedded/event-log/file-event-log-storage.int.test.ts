import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { StarlingError, UnavailableError, ValidationError } from "../../../core/errors.ts";
import { partitionForKey } from "../../../core/partitioner.ts";
import { waitFor } from "../../../core/ports/contracts/wait-for.ts";
import type { ProduceRecord } from "../../../core/ports/event-log.ts";
import { createFileEventLog } from "./index.ts";
import { readAll, tempDir } from "./test-helpers.ts";

/** Run `body` with a fresh temp dir that is deleted afterwards. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const { dir, remove } = await tempDir();
  try {
    await body(dir);
  } finally {
    await remove();
  }
}

const isCode = (code: string) => (error: unknown) => error instanceof StarlingError && error.code === code;

describe("FileEventLog storage", () => {
  it("puts keyed records on the partition Kafka's default partitioner picks", () =>
    inTempDir(async (dir) => {
      const log = await createFileEventLog({ dir });
      await log.createTopics([{ name: "keyed", partitions: 5 }]);
      const records = Array.from({ length: 50 }, (_, i) => ({ key: `user-${i}`, value: null }));
      const acks = await log.produce("keyed", records);
      acks.forEach((ack, i) => {
        assert.equal(ack.partition, partitionForKey(`user-${i}`, 5));
      });
      await log.close();
    }));

  for (const fsync of [true, false]) {
    it(`reopens with its topics, records and committed offsets (fsync ${fsync})`, () =>
      inTempDir(async (dir) => {
        const first = await createFileEventLog({ dir, fsync });
        await first.createTopics([{ name: "kept", partitions: 3 }]);
        const sent = Array.from({ length: 30 }, (_, i) => ({
          key: `u${i % 4}`,
          value: `v${i}`,
          headers: { i: `${i}` },
        }));
        await first.produce("kept", sent);
        await first.subscribe({
          groupId: "g",
          topics: ["kept"],
          fromBeginning: true,
          handler: async () => {},
        });
        const ends = await first.endOffsets("kept");
        await waitFor(async () => String(await first.committedOffsets("g", "kept")) === String(ends));
        await first.close();

        const second = await createFileEventLog({ dir, fsync });
        assert.equal(await second.partitionCount("kept"), 3);
        assert.deepEqual(await second.endOffsets("kept"), ends);
        assert.deepEqual(await second.committedOffsets("g", "kept"), ends);
        const values = (await readAll(second, "kept")).map((r) => `${r.value}/${r.headers.i}`);
        assert.deepEqual(new Set(values), new Set(sent.map((r) => `${r.value}/${r.headers.i}`)));
        await second.close();
      }));
  }

  it("refuses a second open of a directory in use, and takes over the lock of a dead process", () =>
    inTempDir(async (dir) => {
      const log = await createFileEventLog({ dir });
      await assert.rejects(() => createFileEventLog({ dir }), UnavailableError);
      await log.close();
      const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
        encoding: "utf8",
      });
      await writeFile(join(dir, "LOCK"), dead.stdout);
      const again = await createFileEventLog({ dir });
      await again.close();
    }));

  it("rejects every call after close with code 'closed', and closes only once", () =>
    inTempDir(async (dir) => {
      const log = await createFileEventLog({ dir });
      await log.createTopics([{ name: "t", partitions: 1 }]);
      await Promise.all([log.close(), log.close()]);
      await log.close();
      await assert.rejects(() => log.produce("t", [{ key: "k", value: "v" }]), isCode("closed"));
      await assert.rejects(() => log.endOffsets("t"), isCode("closed"));
      await assert.rejects(() => log.createTopics([{ name: "u", partitions: 1 }]), isCode("closed"));
    }));

  it("rejects malformed records and unknown topics with clear errors", () =>
    inTempDir(async (dir) => {
      const log = await createFileEventLog({ dir });
      await log.createTopics([{ name: "t", partitions: 2 }]);
      const bad: unknown[] = [
        { key: 7, value: "v" },
        { key: "k", value: 3 },
        { key: "k", value: "v", timestamp: -1 },
        { key: "k", value: "v", headers: { n: 1 } },
      ];
      for (const record of bad) {
        await assert.rejects(
          () => log.produce("t", [record as ProduceRecord]),
          ValidationError,
          JSON.stringify(record),
        );
      }
      assert.deepEqual(await log.endOffsets("t"), [0, 0], "nothing of a rejected batch is written");
      const handler = async () => {};
      await assert.rejects(() => log.endOffsets("nope"), isCode("unknown_topic"));
      await assert.rejects(() => log.committedOffsets("g", "nope"), isCode("unknown_topic"));
      await assert.rejects(
        () => log.subscribe({ groupId: "g", topics: ["nope"], fromBeginning: true, handler }),
        isCode("unknown_topic"),
      );
      await assert.rejects(
        () => log.subscribe({ groupId: "", topics: ["t"], fromBeginning: true, handler }),
        ValidationError,
      );
      const consumer = await log.subscribe({ groupId: "g", topics: ["t"], fromBeginning: true, handler });
      assert.throws(() => consumer.seek("t", 0, -1), ValidationError);
      assert.throws(() => consumer.seek("t", 2, 0), ValidationError);
      assert.throws(() => consumer.seek("other", 0, 0), ValidationError);
      await assert.rejects(() => consumer.commit("t", 0, 1.5), ValidationError);
      await log.close();
      await assert.rejects(() => createFileEventLog({ dir, pollIntervalMs: 0 }), ValidationError);
    }));
});
