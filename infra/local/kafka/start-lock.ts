import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { isAlive, pollUntil } from "../process-control.ts";

function tryTake(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
    return true;
  } catch {
    const holder = Number(readFileSync(file, "utf8").trim());
    if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) rmSync(file, { force: true });
    return false;
  }
}

/**
 * Runs `body` while holding a lock file, so test files running in parallel processes do not start two
 * brokers on one run folder; a lock left by a dead process is taken over.
 */
export async function withStartLock<T>(file: string, timeoutMs: number, body: () => Promise<T>): Promise<T> {
  const taken = await pollUntil(async () => tryTake(file), timeoutMs, 200);
  if (!taken) throw new Error(`could not take ${file} within ${timeoutMs} ms`);
  try {
    return await body();
  } finally {
    rmSync(file, { force: true });
  }
}
