import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { it } from "node:test";
import { fileURLToPath } from "node:url";
import { createFileEventLog } from "./index.ts";
import { readAll, tempDir } from "./test-helpers.ts";

interface Ack {
  partition: number;
  offset: number;
  key: string;
  value: string;
}

const script = fileURLToPath(new URL("./crash-producer.fixture.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Run the producer child until it has printed `atLeast` acks, then SIGKILL it mid-stream. */
async function produceThenKill(dir: string, topic: string, atLeast: number): Promise<Ack[]> {
  const child = spawn(process.execPath, ["--import", "tsx", script, dir, topic], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  const acks: Ack[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    acks.push(JSON.parse(line) as Ack);
    if (acks.length >= atLeast) {
      child.kill("SIGKILL");
      break;
    }
  }
  assert.equal(await exited, "SIGKILL", "the child was killed, not finished");
  return acks;
}

it("keeps every acknowledged record, in order, when the producer is killed mid-stream", {
  timeout: 60_000,
}, async () => {
  const { dir, remove } = await tempDir();
  try {
    const topic = "crash-test";
    const acks = await produceThenKill(dir, topic, 400);
    const log = await createFileEventLog({ dir });
    try {
      const stored = await readAll(log, topic);
      const ends = await log.endOffsets(topic);
      // Offsets are gap-free per partition, so the stored records are exactly offsets 0..end-1.
      ends.forEach((end, partition) => {
        const offsets = stored.filter((r) => r.partition === partition).map((r) => r.offset);
        assert.deepEqual(
          offsets,
          Array.from({ length: end }, (_, i) => i),
          `partition ${partition}`,
        );
      });
      const byPlace = new Map(stored.map((r) => [`${r.partition}:${r.offset}`, r]));
      for (const ack of acks) {
        const record = byPlace.get(`${ack.partition}:${ack.offset}`);
        assert.deepEqual({ key: record?.key, value: record?.value }, { key: ack.key, value: ack.value });
      }
      for (const key of new Set(acks.map((a) => a.key))) {
        const acked = acks.filter((a) => a.key === key).map((a) => a.value);
        const inLog = stored.filter((r) => r.key === key).map((r) => r.value);
        assert.deepEqual(inLog.slice(0, acked.length), acked, `${key} keeps produce order`);
      }
      const more = await log.produce(topic, [{ key: "after-crash", value: "still works" }]);
      assert.equal(more[0]?.offset, ends[more[0]?.partition ?? 0]);
    } finally {
      await log.close();
    }
  } finally {
    await remove();
  }
});
