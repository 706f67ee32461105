// Child process for the lock race test: says "ready", waits for "go" on stdin, tries to lock the dir in
// argv, prints "locked" or "refused", and holds the lock until its stdin closes.
import { createInterface } from "node:readline";
import { lockDir, type ReleaseLock } from "./dir-lock.ts";

const [dir] = process.argv.slice(2);
if (!dir) throw new Error("usage: lock-race.fixture.ts <dir>");

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
process.stdout.write("ready\n");
await lines.next();
let release: ReleaseLock | undefined;
try {
  release = await lockDir(dir);
  process.stdout.write("locked\n");
} catch (error) {
  process.stdout.write(`refused ${String(error)}\n`);
}
await lines.next();
await release?.();
