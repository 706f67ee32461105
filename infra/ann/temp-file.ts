import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs `use` with a path in a fresh private temp folder, and removes the folder afterwards whatever happens. */
export function withTempFile<T>(use: (path: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), "starling-ann-"));
  try {
    return use(join(folder, "index.bin"));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
