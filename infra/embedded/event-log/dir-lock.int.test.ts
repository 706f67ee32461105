import assert from "node:assert/strict";
import { type ChildProcessByStdio, spawn, spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { UnavailableError } from "../../../core/errors.ts";
import { removeStaleLock } from "./dir-lock.ts";
import { createFileEventLog } from "./index.ts";
import { withTempDir } from "./test-helpers.ts";

const script = fileURLToPath(new URL("./lock-race.fixture.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

type Child = ChildProcessByStdio<Writable, Readable, null>;

/** The pid of a process that has already exited. */
function deadPid(): string {
  return spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  }).stdout;
}

/** Start a child that races for the lock of `dir`; resolves with it and its stdout lines once it is ready. */
async function startRacer(dir: string): Promise<{ child: Child; lines: AsyncIterator<string> }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, dir], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  assert.equal((await lines.next()).value, "ready");
  return { child, lines };
}

describe("event log directory lock", () => {
  it("takes over a LOCK holding our own pid when this process has not locked the dir", () =>
    withTempDir(async (dir) => {
      // A crashed process restarted under the same pid (pid 1 in a container) left this behind.
      await writeFile(join(dir, "LOCK"), String(process.pid));
      const log = await createFileEventLog({ dir });
      await assert.rejects(() => createFileEventLog({ dir }), UnavailableError, "still one log per dir");
      await log.close();
      const again = await createFileEventLog({ dir });
      await again.close();
    }));

  it("refuses a second open in this process even before the first has written its LOCK", () =>
    withTempDir(async (dir) => {
      const results = await Promise.allSettled([createFileEventLog({ dir }), createFileEventLog({ dir })]);
      const opened = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      assert.equal(opened.length, 1);
      await opened[0]?.close();
    }));

  it("leaves a LOCK alone that changed after the stale one was read", () =>
    withTempDir(async (dir) => {
      const lockPath = join(dir, "LOCK");
      await writeFile(lockPath, String(process.ppid));
      await removeStaleLock(lockPath, deadPid());
      assert.equal(await readFile(lockPath, "utf8"), String(process.ppid), "the live lock stays");
      assert.deepEqual(await readdir(dir), ["LOCK"], "nothing left aside");
    }));

  it("removes a stale LOCK that still holds what was read", () =>
    withTempDir(async (dir) => {
      const lockPath = join(dir, "LOCK");
      const dead = deadPid();
      await writeFile(lockPath, dead);
      await removeStaleLock(lockPath, dead);
      assert.deepEqual(await readdir(dir), []);
    }));

  it("lets exactly one of several processes take over a stale lock", { timeout: 60_000 }, () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "LOCK"), deadPid());
      const racers = await Promise.all(Array.from({ length: 4 }, () => startRacer(dir)));
      try {
        for (const { child } of racers) child.stdin.write("go\n");
        const outcomes = await Promise.all(racers.map(async ({ lines }) => (await lines.next()).value));
        const winners = racers.filter((_, i) => outcomes[i] === "locked");
        assert.equal(winners.length, 1, `outcomes: ${outcomes.join(" | ")}`);
        assert.equal(await readFile(join(dir, "LOCK"), "utf8"), String(winners[0]?.child.pid));
      } finally {
        await Promise.all(
          racers.map(({ child }) => {
            const exited = new Promise((resolve) => child.on("exit", resolve));
            child.stdin.end();
            return exited;
          }),
        );
      }
    }),
  );
});
