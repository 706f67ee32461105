import assert from "node:assert/strict";
import { appendFile, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { encodeFrame } from "./frame-codec.ts";
import { createFileEventLog } from "./index.ts";
import { readAll, tempDir } from "./test-helpers.ts";

const whole = encodeFrame({ key: "k", value: "a record that never finished", timestamp: 1, headers: {} });

/** Ways a crash or a stray write can leave the end of a partition file. */
const tails: readonly { name: string; damage: (path: string) => Promise<void>; survivors: number }[] = [
  { name: "half a record", damage: (p) => appendFile(p, whole.subarray(0, whole.length >> 1)), survivors: 5 },
  { name: "a partial header", damage: (p) => appendFile(p, whole.subarray(0, 5)), survivors: 5 },
  {
    name: "garbage bytes",
    damage: (p) => appendFile(p, Buffer.from("\u0007\u0000garbage\u00ff\n{}")),
    survivors: 5,
  },
  { name: "a zero-filled block", damage: (p) => appendFile(p, Buffer.alloc(4096)), survivors: 5 },
  {
    name: "a huge length",
    damage: (p) => appendFile(p, Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])),
    survivors: 5,
  },
  { name: "a last record with a flipped byte", damage: flipLastByte, survivors: 4 },
];

async function flipLastByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff;
  await writeFile(path, bytes);
}

describe("a damaged partition file tail", () => {
  for (const tail of tails) {
    it(`is truncated on open when it is ${tail.name}, and later produces still work`, async () => {
      const { dir, remove } = await tempDir();
      try {
        const topic = "torn";
        const path = join(dir, "topics", topic, "0.log");
        const first = await createFileEventLog({ dir });
        await first.createTopics([{ name: topic, partitions: 1 }]);
        await first.produce(
          topic,
          Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
        );
        await first.close();
        await tail.damage(path);

        const reopened = await createFileEventLog({ dir });
        assert.deepEqual(await reopened.endOffsets(topic), [tail.survivors]);
        const [ack] = await reopened.produce(topic, [{ key: "later", value: "after repair" }]);
        assert.deepEqual(ack, { partition: 0, offset: tail.survivors });
        await reopened.close();

        const again = await createFileEventLog({ dir });
        const records = await readAll(again, topic);
        await again.close();
        const expected = [...Array.from({ length: tail.survivors }, (_, i) => `v${i}`), "after repair"];
        assert.deepEqual(
          records.map((r) => r.value),
          expected,
        );
        assert.deepEqual(
          records.map((r) => r.offset),
          expected.map((_, i) => i),
        );
        const frameBytes = records.reduce((sum, record) => sum + encodeFrame(record).length, 0);
        assert.equal((await stat(path)).size, frameBytes, "no damaged bytes left in the file");
      } finally {
        await remove();
      }
    });
  }
});
