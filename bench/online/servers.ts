import { once } from "node:events";
import { get } from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import { progress } from "../stores/section-result.ts";
import { type BenchChild, childPids, startChild } from "./children.ts";

const PRELOAD = "./bench/online/runtime-preload.ts";
/** Snapshot load (item vectors, HNSW indexes, graph) of ml-latest-small from Cassandra takes a while. */
const ONLINE_READY_TIMEOUT_MS = 240_000;
const REFERENCE_READY_TIMEOUT_MS = 60_000;
/** Warnings and errors of a server kept for the report, distinct by their first words. */
const KEPT_WARNINGS = 20;

/** A server under load: where to send requests and which processes serve them. */
export interface BenchServer {
  readonly name: string;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly child: BenchChild;
  /** The processes that serve requests: the process itself, or its cluster workers. */
  servingPids(): number[];
  /** Distinct warning and error lines it logged, with how often each came. */
  warnings(): Record<string, number>;
  stop(): Promise<void>;
}

/** A port free right now on 127.0.0.1 (the server is started on it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A log line's gist: the JSON log's level and message (and error), else the line, cut to a readable length. */
function gist(line: string): string | null {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string; message?: string; error?: string };
    if (entry.level !== "warn" && entry.level !== "error") return null;
    const text = [entry.msg ?? entry.message, entry.error?.split("\n")[0]].filter(Boolean).join(": ");
    return `${entry.level}: ${text}`.slice(0, 200);
  } catch {
    return /warn|error|exception|unhandled/i.test(line) ? line.slice(0, 200) : null;
  }
}

function collectWarnings(child: BenchChild): () => Record<string, number> {
  const seen: Record<string, number> = {};
  child.onLine((line) => {
    const key = gist(line);
    if (key === null) return;
    if (seen[key] === undefined && Object.keys(seen).length >= KEPT_WARNINGS) return;
    seen[key] = (seen[key] ?? 0) + 1;
  });
  return () => ({ ...seen });
}

function servingPidsOf(child: BenchChild, workers: number): () => number[] {
  return () => (workers > 1 ? childPids(child.pid) : [child.pid]);
}

/** Fails with the child's output once it exits; for racing against a readiness wait. */
async function failOnExit(child: BenchChild): Promise<never> {
  const code = await child.exited();
  throw new Error(
    `${child.name} exited (${code}) before it was ready:\n${child.lines().slice(-30).join("\n")}`,
  );
}

/** The bare Hono reference (the HTTP ceiling), with `workers` processes sharing one port. */
export async function startReference(workers: number, runtimeDir: string): Promise<BenchServer> {
  const port = await freePort();
  const name = workers > 1 ? `reference x${workers}` : "reference";
  const child = startChild({
    name,
    script: "bench/online/reference-server.ts",
    args: [String(port), String(workers)],
    nodeFlags: ["--import", PRELOAD],
    env: { BENCH_ONLINE_RUNTIME_DIR: runtimeDir },
  });
  const warnings = collectWarnings(child);
  let listening = 0;
  child.onLine((line) => {
    if (line.startsWith("listening on ")) listening += 1;
  });
  try {
    await Promise.race([
      waitFor(() => listening >= workers, {
        timeoutMs: REFERENCE_READY_TIMEOUT_MS,
        intervalMs: 50,
        message: `${name} listening`,
      }),
      failOnExit(child),
    ]);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    servingPids: servingPidsOf(child, workers),
    warnings,
    stop: () => child.stop(),
  };
}

/** `/readyz`'s status on a new connection (so cluster workers take turns answering), or why there is none. */
function readiness(url: string): Promise<string> {
  return new Promise((resolve) => {
    const request = get(`${url}/readyz`, { agent: false, timeout: 2000 }, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => {
        try {
          const body = JSON.parse(text) as { status?: string; checks?: Record<string, string> };
          resolve(body.status === "ready" ? "ready" : `${body.status}: ${JSON.stringify(body.checks)}`);
        } catch {
          resolve(`${response.statusCode}: ${text.slice(0, 200)}`);
        }
      });
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 2 s")));
    request.on("error", (error) => resolve(error.message));
  });
}

/**
 * Waits until `/readyz` says every dependency answers (a breaker opened by a fault has closed again) `times` times
 * in a row: with N workers behind one port, each must have loaded its snapshot.
 */
export async function waitReady(url: string, timeoutMs: number, times = 1): Promise<void> {
  let last = "";
  let inRow = 0;
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    last = await readiness(url);
    inRow = last === "ready" ? inRow + 1 : 0;
    if (inRow >= times) return;
    await delay(last === "ready" ? 20 : 250);
  }
  throw new Error(`${url}/readyz not ready within ${timeoutMs / 1000} s: ${last}`);
}

/** `recsys online [--workers N]` on a free port with `env`; resolves once `/readyz` says ready. */
export async function startOnline(
  name: string,
  env: Readonly<Record<string, string>>,
  workers: number,
  runtimeDir: string,
  nodeFlags: readonly string[] = [],
): Promise<BenchServer> {
  const port = await freePort();
  const child = startChild({
    name,
    script: "bin/recsys.ts",
    args: ["online", ...(workers > 1 ? ["--workers", String(workers)] : [])],
    nodeFlags: [...nodeFlags, "--import", PRELOAD],
    env: { ...env, RECSYS_HTTP_PORT: String(port), BENCH_ONLINE_RUNTIME_DIR: runtimeDir },
  });
  const warnings = collectWarnings(child);
  let serving = 0;
  child.onLine((line) => {
    if (/is serving on http/.test(line)) serving += 1;
  });
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // Every worker loads its own snapshot and listens once loaded; one ready worker says nothing of the others.
  const allReady = async () => {
    await waitFor(() => serving >= workers, {
      timeoutMs: ONLINE_READY_TIMEOUT_MS,
      intervalMs: 100,
      message: `${workers} online processes serving`,
    });
    await waitReady(url, ONLINE_READY_TIMEOUT_MS, workers > 1 ? 4 * workers : 1);
  };
  try {
    await Promise.race([allReady(), failOnExit(child)]);
  } catch (error) {
    await child.stop();
    throw error;
  }
  progress(`${name} ready on ${url} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    name,
    url,
    child,
    servingPids: servingPidsOf(child, workers),
    warnings,
    stop: () => child.stop(),
  };
}
