import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../../../core/clock.ts";
import type { ContractHarness } from "../../../core/ports/contracts/harness.ts";

/** A contract harness whose every `create()` opens the same SQLite file in a fresh temp dir (test helper). */
export interface TempFileHarness<T> extends ContractHarness<T> {
  readonly path: string;
  readonly clock: ManualClock;
}

/** Build a harness over `open(path, clock)`; cleanup closes every client it made and deletes the dir. */
export function tempFileHarness<T extends { close(): Promise<void> }>(
  prefix: string,
  open: (path: string, clock: ManualClock) => T,
): TempFileHarness<T> {
  const directory = mkdtempSync(join(tmpdir(), `starling-${prefix}-`));
  const path = join(directory, "store.sqlite");
  const clock = new ManualClock(Date.UTC(2024, 0, 1));
  const opened: T[] = [];
  return {
    path,
    clock,
    async create() {
      const store = open(path, clock);
      opened.push(store);
      return store;
    },
    async advance(ms) {
      clock.advance(ms);
    },
    async cleanup() {
      for (const store of opened) await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
