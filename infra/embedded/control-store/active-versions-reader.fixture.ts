import { parentPort, workerData } from "node:worker_threads";
import { createSqliteControlStore } from "./sqlite-control-store.ts";

/** Test fixture run in a worker thread: reads active versions on its own connection until told to stop. */
export interface ReaderInput {
  readonly path: string;
  readonly kinds: readonly [string, string];
  /** Int32 slots: [0] stop flag set by the writer, [1] reads done. */
  readonly counters: SharedArrayBuffer;
}

export interface ReaderReport {
  readonly seen: string[];
  readonly mixed: string[];
}

const { path, kinds, counters } = workerData as ReaderInput;
const slots = new Int32Array(counters);
const store = createSqliteControlStore({ path });
const seen = new Set<string>();
const mixed: string[] = [];
while (Atomics.load(slots, 0) === 0) {
  const snapshot = await store.activeVersions();
  const [a, b] = [snapshot[kinds[0]], snapshot[kinds[1]]];
  const pair = `${a}/${b}`;
  seen.add(pair);
  if (a === undefined || a !== b) mixed.push(pair);
  Atomics.add(slots, 1, 1);
}
await store.close();
parentPort?.postMessage({ seen: [...seen], mixed: mixed.slice(0, 20) } satisfies ReaderReport);
