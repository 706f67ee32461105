import { type RecsysProcess, spawnRecsys } from "./recsys-process.ts";

export interface OnlineServer {
  readonly url: string;
  stop(): Promise<void>;
}

const SERVING = /serving on (http:\/\/\S+?)\s/;

/**
 * Starts `recsys online` with `env` (which should set RECSYS_HTTP_PORT=0) and resolves with its address once it
 * prints it; fails when the process exits first or nothing comes within `timeoutMs`.
 */
export async function startOnline(env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<OnlineServer> {
  const proc: RecsysProcess = spawnRecsys("online", ["online"], env);
  const started = Date.now();
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() - started < timeoutMs) {
    const match = SERVING.exec(proc.stdout());
    if (match?.[1] !== undefined) return { url: match[1], stop: () => proc.stop() };
    if (exitCode !== undefined) throw new Error(`recsys online exited with ${exitCode}:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await proc.stop();
  throw new Error(`recsys online printed no address within ${timeoutMs} ms:\n${proc.output()}`);
}
