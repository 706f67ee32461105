import { spawn } from "node:child_process";
import { once } from "node:events";

/**
 * Runs a TypeScript script in its own Node process (through tsx) so its timings and peak memory
 * are its own; the child's stderr (progress lines) passes through, and its last stdout line is
 * parsed as the JSON result.
 */
export async function runChild<T>(script: string, args: readonly string[]): Promise<T> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`${script} exited with ${code}:\n${out}`);
  const last = out.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last) as T;
}
