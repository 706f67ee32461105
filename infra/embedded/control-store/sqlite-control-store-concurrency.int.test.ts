import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { Worker } from "node:worker_threads";
import { waitFor } from "../../../core/ports/contracts/wait-for.ts";
import type { ReaderInput, ReaderReport } from "./active-versions-reader.fixture.ts";
import { createSqliteControlStore } from "./index.ts";

const FLIPS = 150;

/** Start the reader fixture in a worker thread; eval'd bootstrap registers tsx there, since workers skip --import. */
function startReader(input: ReaderInput): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const fixture = new URL("./active-versions-reader.fixture.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(fixture)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

const directory = mkdtempSync(join(tmpdir(), "starling-control-concurrency-"));
after(() => rmSync(directory, { recursive: true, force: true }));

it("a reader thread on its own connection never sees a half-switched pair of versions", async () => {
  const path = join(directory, "store.sqlite");
  const writer = createSqliteControlStore({ path });
  const kinds = ["ranker", "retriever"] as const;
  for (const version of ["v1", "v2"]) for (const kind of kinds) await writer.stageVersion(kind, version);
  await writer.activateVersions({ ranker: "v1", retriever: "v1" });
  const counters = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const slots = new Int32Array(counters);
  const worker = startReader({ path, kinds, counters });
  const report = new Promise<ReaderReport>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  try {
    await waitFor(() => Atomics.load(slots, 1) > 0, { timeoutMs: 10_000, message: "reader started" });
    for (let flip = 0; flip < FLIPS; flip++) {
      const version = flip % 2 === 0 ? "v2" : "v1";
      await writer.activateVersions({ ranker: version, retriever: version });
      const target = Atomics.load(slots, 1) + 2;
      await waitFor(() => Atomics.load(slots, 1) >= target, {
        timeoutMs: 5000,
        intervalMs: 1,
        message: "reader progress",
      });
    }
  } finally {
    Atomics.store(slots, 0, 1);
    await writer.close();
  }
  const { seen, mixed } = await report;
  assert.deepEqual(mixed, [], "reader saw a mixed pair");
  assert.deepEqual(seen.sort(), ["v1/v1", "v2/v2"]);
  assert.ok(Atomics.load(slots, 1) >= FLIPS * 2);
});
