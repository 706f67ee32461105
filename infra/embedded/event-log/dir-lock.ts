import { randomUUID } from "node:crypto";
import { link, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setTimeout } from "node:timers/promises";
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

const ATTEMPTS = 100;

/** Create the LOCK, taking over a stale one; losing a takeover race means trying again. */
async function acquire(dir: string, lockPath: string): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await tryCreateLock(dir, lockPath)) return;
    const seen = await readLock(lockPath);
    if (seen === undefined) continue;
    const holder = Number.parseInt(seen, 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new UnavailableError(`event log directory ${dir} is already open in process ${holder}`);
    }
    if (!(await removeStaleLock(lockPath, seen))) await setTimeout(5 + Math.random() * 20);
  }
  throw new UnavailableError(
    `could not lock event log directory ${dir}: another process keeps taking it over`,
  );
}

/**
 * Delete a stale LOCK whose content was `seen`, unless it changed meanwhile. Takeovers are serialised by an
 * exclusive `LOCK.takeover` file: only its holder may delete a LOCK, and nobody else can replace a LOCK that
 * exists, so what the holder reads is what it deletes. Resolves false when another takeover is in progress.
 */
export async function removeStaleLock(lockPath: string, seen: string): Promise<boolean> {
  const takeover = `${lockPath}.takeover`;
  if (!(await tryCreateLock(dirname(lockPath), takeover))) {
    await clearDeadTakeover(takeover);
    return false;
  }
  try {
    if ((await readLock(lockPath)) === seen) await rm(lockPath, { force: true });
    return true;
  } finally {
    await rm(takeover, { force: true });
  }
}

/** A takeover file left by a process that died mid-takeover would block every later start: remove it. */
async function clearDeadTakeover(takeover: string): Promise<void> {
  const holder = Number.parseInt((await readLock(takeover)) ?? "", 10);
  if (Number.isInteger(holder) && !isAlive(holder)) await rm(takeover, { force: true });
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
