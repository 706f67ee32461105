import { randomUUID } from "node:crypto";
import { link, readFile, realpath, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UnavailableError } from "../../../core/errors.ts";

/** Releases a lock taken by {@link lockDir}. */
export type ReleaseLock = () => Promise<void>;

/**
 * Directories this process has locked (or is locking). A LOCK holding our own pid for a directory not in this set
 * was left by an earlier process that had the same pid (a container restarted as pid 1), so it is stale.
 */
const lockedHere = new Set<string>();

/**
 * Take the directory's LOCK file so that a second log (in this or another live process) cannot
 * append to the same partition files. A lock left by a dead process is taken over.
 */
export async function lockDir(dir: string): Promise<ReleaseLock> {
  const lockPath = join(dir, "LOCK");
  const key = await realpath(dir);
  // Checked and claimed without an await in between, so two opens in this process cannot both pass.
  if (lockedHere.has(key)) {
    throw new UnavailableError(`event log directory ${dir} is already open in process ${process.pid}`);
  }
  lockedHere.add(key);
  try {
    await acquire(dir, lockPath);
  } catch (error) {
    lockedHere.delete(key);
    throw error;
  }
  let released: Promise<void> | undefined;
  return () => {
    released ??= releaseLock(lockPath).finally(() => lockedHere.delete(key));
    return released;
  };
}

/** Create the LOCK, taking over a stale one; a second try covers losing a takeover race. */
async function acquire(dir: string, lockPath: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreateLock(dir, lockPath)) return;
    const seen = await readLock(lockPath);
    if (seen === undefined) continue;
    const holder = Number.parseInt(seen, 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new UnavailableError(`event log directory ${dir} is already open in process ${holder}`);
    }
    await removeStaleLock(lockPath, seen);
  }
  throw new UnavailableError(`could not lock event log directory ${dir}`);
}

/**
 * Delete a stale LOCK whose content was `seen`. It is first renamed to a unique name, so only one process
 * can remove it; if what was moved is no longer `seen`, another process took the lock over in between and
 * its LOCK is put back (unless yet another LOCK appeared meanwhile).
 */
export async function removeStaleLock(lockPath: string, seen: string): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}.${randomUUID().slice(0, 8)}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  try {
    if ((await readLock(aside)) !== seen) await linkUnlessExists(aside, lockPath);
  } finally {
    await rm(aside, { force: true });
  }
}

/** Write our pid to a temp file and hard-link it into place: an exclusive create with the pid already in it. */
async function tryCreateLock(dir: string, lockPath: string): Promise<boolean> {
  const temp = join(dir, `LOCK.${process.pid}.${randomUUID().slice(0, 8)}`);
  await writeFile(temp, String(process.pid), "utf8");
  try {
    return await linkUnlessExists(temp, lockPath);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Hard-link `from` to `to`; false when `to` already exists. */
async function linkUnlessExists(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  }
}

/** Remove the LOCK only while it still names this process. */
async function releaseLock(lockPath: string): Promise<void> {
  if ((await readLock(lockPath)) === String(process.pid)) await rm(lockPath, { force: true });
}

/** The LOCK file's content, or undefined when it does not exist. */
async function readLock(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
