import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { UnavailableError } from "../../core/errors.ts";

/** Where one local service keeps its pid file, logs and data. */
export interface RunFolder {
  readonly name: string;
  readonly dir: string;
  readonly pidFile: string;
  readonly logFile: string;
  readonly dataDir: string;
}

/** The run folder of a service under the services root, created on demand. */
export function runFolder(root: string, name: string): RunFolder {
  // Absolute, because services run with their run folder as working directory.
  const dir = resolve(root, name);
  mkdirSync(join(dir, "data"), { recursive: true });
  return {
    name,
    dir,
    pidFile: join(dir, `${name}.pid`),
    logFile: join(dir, `${name}.log`),
    dataDir: join(dir, "data"),
  };
}

/** True when a process with this pid exists (signal 0 checks without touching it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The recorded pid when that process is still running; a stale pid file is removed. */
export function runningPid(folder: RunFolder): number | null {
  if (!existsSync(folder.pidFile)) return null;
  const pid = Number(readFileSync(folder.pidFile, "utf8").trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return pid;
  rmSync(folder.pidFile, { force: true });
  return null;
}

/** Starts a long-running process detached from this one, output appended to the log, pid recorded. */
export function startDetached(
  folder: RunFolder,
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): number {
  const log = openSync(folder.logFile, "a");
  try {
    const child = spawn(command, args, {
      cwd: options.cwd ?? folder.dir,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", log, log],
    });
    if (child.pid === undefined) throw new UnavailableError(`could not start ${command}: is it installed?`);
    child.unref();
    writeFileSync(folder.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** Stops the recorded process: SIGTERM, then SIGKILL after the grace time. Never matches processes by name. */
export async function stopRecorded(folder: RunFolder, graceMs = 30_000): Promise<boolean> {
  const pid = runningPid(folder);
  if (pid === null) return false;
  process.kill(pid, "SIGTERM");
  const stopped = await pollUntil(async () => !isAlive(pid), graceMs);
  if (!stopped) process.kill(pid, "SIGKILL");
  await pollUntil(async () => !isAlive(pid), 10_000);
  rmSync(folder.pidFile, { force: true });
  return true;
}

/** Polls `check` until it is true or the time is up; resolves whether it became true. */
export async function pollUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The last lines of a log, to explain why a service did not come up. */
export function logTail(folder: RunFolder, lines = 30): string {
  if (!existsSync(folder.logFile)) return "(no log)";
  return readFileSync(folder.logFile, "utf8").split("\n").slice(-lines).join("\n");
}

/** Whether something accepts TCP connections on host:port within the time. */
export function tcpAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
