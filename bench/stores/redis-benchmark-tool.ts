import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** What `redis-benchmark -q` reports for one test. */
export interface RedisBenchmarkFigure {
  requestsPerSecond: number;
  p50Ms: number | null;
  /** The line as printed, for the JSON. */
  line: string;
}

/** Whether the redis-benchmark binary is on the PATH. */
export function redisBenchmarkAvailable(): boolean {
  return spawnSync("redis-benchmark", ["--version"], { stdio: "ignore" }).status === 0;
}

/** `redis-benchmark -q -n <requests> -t get` against host:port (127.0.0.1 only); bounded by `requests`. */
export async function redisBenchmarkGet(
  host: string,
  port: number,
  requests: number,
): Promise<RedisBenchmarkFigure> {
  const args = ["-h", host, "-p", String(port), "-q", "-n", String(requests), "-t", "get"];
  const { stdout } = await run("redis-benchmark", args, { timeout: 60_000 });
  // -q rewrites a progress line with \r; the final figure is the last "GET:" segment.
  const line =
    stdout
      .split(/[\r\n]/)
      .filter((l) => l.startsWith("GET:"))
      .at(-1) ?? "";
  const rps = /([\d.]+) requests per second/.exec(line)?.[1];
  if (rps === undefined) throw new Error(`redis-benchmark printed no figure:\n${stdout}`);
  const p50 = /p50=([\d.]+) msec/.exec(line)?.[1];
  return { requestsPerSecond: Number(rps), p50Ms: p50 === undefined ? null : Number(p50), line: line.trim() };
}
