import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches `pattern`; fails after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code. */
  exited(): Promise<number | null>;
}

/** Starts `recsys <args>` in a child process with only PATH, HOME and `env` set. */
export function startRecsys(
  args: readonly string[],
  env: Record<string, string>,
): RunningCli & { stdout(): string; stderr(): string } {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/recsys.ts", ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = once(child, "exit").then(([code]) => code as number | null);
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => `${stdout}${stderr}`,
    waitForOutput: (pattern, timeoutMs = 120_000) =>
      waitFor(() => pattern.test(`${stdout}${stderr}`), {
        timeoutMs,
        intervalMs: 50,
        message: `output matching ${pattern} from recsys ${args.join(" ")}:\n${stdout}\n${stderr}`,
      }),
    exited: () => exit,
  };
}

/** Runs `recsys <args>` to completion; kills it after `timeoutMs`. */
export async function runRecsys(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 300_000,
): Promise<CliRun> {
  const running = startRecsys(args, env);
  const timer = setTimeout(() => running.child.kill("SIGKILL"), timeoutMs);
  const code = await running.exited();
  clearTimeout(timer);
  return { code, stdout: running.stdout(), stderr: running.stderr() };
}
