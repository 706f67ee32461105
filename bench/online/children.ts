import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { progress } from "../stores/section-result.ts";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Lines of a child's output kept for error messages. */
const KEPT_LINES = 200;
/** How long a child may take to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

/** A child process this benchmark started, with its recent output. */
export interface BenchChild {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last lines of stdout and stderr, oldest first. */
  lines(): string[];
  /** Calls `listener` with every complete output line from now on. */
  onLine(listener: (line: string) => void): void;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited(): Promise<number | string | null>;
  /** SIGTERM, then SIGKILL (also to its own children) if it has not exited within the grace time. */
  stop(): Promise<void>;
}

const running = new Set<BenchChild>();

/** Pids whose parent is `pid` (cluster workers of a `recsys online --workers N` primary). */
export function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      if (Number(fields[1]) === pid) found.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found;
}

/** Kills `pid` if it still runs `script` (a pid read earlier may have been reused since). */
function killIfStill(pid: number, script: string): void {
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(script)) return;
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** What to start: `node <nodeFlags> --import tsx <script> <args>` in the repository. */
export interface ChildSpec {
  readonly name: string;
  /** Script path relative to the repository, e.g. bin/recsys.ts. */
  readonly script: string;
  readonly args?: readonly string[];
  /** Flags for node before the script (e.g. a preload, --cpu-prof). */
  readonly nodeFlags?: readonly string[];
  /** The whole environment apart from PATH and HOME. */
  readonly env: Readonly<Record<string, string>>;
}

/** Starts the child with exactly `spec.env` (plus PATH and HOME). */
export function startChild(spec: ChildSpec): BenchChild {
  const { name, script, env } = spec;
  const argv = ["--import", "tsx", ...(spec.nodeFlags ?? []), script, ...(spec.args ?? [])];
  const child = spawn(process.execPath, argv, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    // stdin is a pipe the bench keeps open: a child of ours that watches it exits if the bench dies.
    stdio: ["pipe", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${name} could not be started`);
  const kept: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      const parts = (partial + chunk).split(/\r?\n|\r/);
      partial = parts.pop() ?? "";
      for (const line of parts) {
        if (line.trim() === "") continue;
        kept.push(line);
        if (kept.length > KEPT_LINES) kept.shift();
        for (const listener of listeners) listener(line);
      }
    });
  }
  const exit = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string | null);
  let stopping: Promise<void> | undefined;
  const handle: BenchChild = {
    name,
    child,
    pid: child.pid,
    lines: () => [...kept],
    onLine: (listener) => listeners.push(listener),
    exited: () => exit,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const workers = childPids(handle.pid);
          child.kill("SIGTERM");
          const timer = setTimeout(() => {
            progress(`${name} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
            for (const pid of [...workers, ...childPids(handle.pid)]) killIfStill(pid, script);
            child.kill("SIGKILL");
          }, STOP_GRACE_MS);
          await exit;
          clearTimeout(timer);
          // Workers outlive a primary only when it was killed; they are ours too.
          for (const pid of workers) killIfStill(pid, script);
        }
        child.stdin?.destroy();
        running.delete(handle);
      })();
      return stopping;
    },
  };
  running.add(handle);
  exit.then(() => running.delete(handle));
  return handle;
}

/** Stops every child still running (on the way out, also after a failure). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
}
