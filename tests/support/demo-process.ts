import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface DemoProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  /** Send a signal and resolve with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `recsys demo` as a child process and resolves once it prints the URL it serves on. */
export async function startDemo(env: Record<string, string>, timeoutMs = 120_000): Promise<DemoProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/recsys.ts", "demo"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = once(child, "exit");
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`demo did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const match = /serving on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code} before serving:\n${out}`));
    });
  });
  return {
    child,
    url,
    output: () => out,
    async stop(signal = "SIGTERM") {
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
