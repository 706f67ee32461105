import { randomUUID } from "node:crypto";
import { link, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UnavailableError } from "../../../core/errors.ts";

/** Releases a lock taken by {@link lockDir}. */
export type ReleaseLock = () => Promise<void>;

/**
 * Take the directory's LOCK file so that a second log (in this or another live process) cannot
 * append to the same partition files. A lock left by a dead process is taken over.
 */
export async function lockDir(dir: string): Promise<ReleaseLock> {
  const lockPath = join(dir, "LOCK");
  const release: ReleaseLock = () => rm(lockPath, { force: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreateLock(dir, lockPath)) return release;
    const holder = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
    if (Number.isInteger(holder) && isAlive(holder)) {
      throw new UnavailableError(`event log directory ${dir} is already open in process ${holder}`);
    }
    await rm(lockPath, { force: true });
  }
  throw new UnavailableError(`could not lock event log directory ${dir}`);
}

/** Write our pid to a temp file and hard-link it into place: the lock appears atomically, pid included. */
async function tryCreateLock(dir: string, lockPath: string): Promise<boolean> {
  const temp = join(dir, `LOCK.${process.pid}.${randomUUID().slice(0, 8)}`);
  await writeFile(temp, String(process.pid), "utf8");
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
