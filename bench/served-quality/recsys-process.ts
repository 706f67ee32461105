import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Children still running, so an interrupted bench stops each one it started (by its own pid). */
const live = new Set<ChildProcess>();

/** Terminal escapes (progress lines redraw in place on a TTY); built from the code so no control byte is in the source. */
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");

export interface RecsysProcess {
  /** stdout and stderr so far. */
  output(): string;
  stdout(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `recsys <args>` (through tsx, from the repository root) with exactly `env`. Every output line is echoed
 * to our stderr behind `[label]`, so a long step shows its own progress.
 */
export function spawnRecsys(label: string, args: readonly string[], env: NodeJS.ProcessEnv): RecsysProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/recsys.ts", ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let stdout = "";
  let all = "";
  const echo = (chunk: string) => {
    for (const line of chunk.split(/\r|\n/)) {
      const text = line.replace(ESCAPES, "").trim();
      if (text !== "") process.stderr.write(`  [${label}] ${text}\n`);
    }
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    all += chunk;
    echo(chunk);
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    all += chunk;
    echo(chunk);
  });
  const exited = once(child, "close").then(([code]) => {
    live.delete(child);
    return code as number | null;
  });
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { output: () => all, stdout: () => stdout, exited, stop };
}

/** Runs `recsys <args>` to the end; throws with the output's tail when it exits non-zero. */
export async function runRecsys(label: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  const run = spawnRecsys(label, args, env);
  const code = await run.exited;
  if (code !== 0) {
    throw new Error(`recsys ${args.join(" ")} exited with ${code}:\n${run.output().slice(-3000)}`);
  }
  return { stdout: run.stdout(), output: run.output() };
}

/** Kills every child still running (an interrupted or failed bench). */
export function killLiveChildren(): void {
  for (const child of live) child.kill("SIGKILL");
}
