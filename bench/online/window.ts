import { startProbe } from "../nearline/runtime-probe.ts";
import { type CpuUsers, startCpuWindow } from "../nearline/service-cpu.ts";
import { progress } from "../stores/section-result.ts";
import { type LoadResult, type LoadSpec, runLoad } from "./load.ts";
import { metricsDelta, parseMetrics, type Sample } from "./prom-text.ts";
import { type RuntimeWindow, readRuntime, runtimeWindow } from "./runtime-reads.ts";
import type { BenchServer } from "./servers.ts";

/** Time for the runtime preload to write a sample after the window's edge (it writes every 500 ms). */
const SAMPLE_SETTLE_MS = 600;

/** One measured load window and what the machine did meanwhile. */
export interface Measurement {
  readonly load: LoadResult;
  /** Cores used on average: `server` (its serving processes summed), `bench` (autocannon), the services, `machine`. */
  readonly cpuCores: CpuUsers;
  /** Per serving process: event loop busy share, GC share, heap. */
  readonly runtime: RuntimeWindow[];
  /** Event-loop busy share of the benchmark process (autocannon): near 1, the load generator limits the figure. */
  readonly benchEventLoopUtilization: number;
  /** Redis commands during the window, server-wide (other users of the shared Redis count too). */
  readonly redisCalls: Record<string, number>;
  /** Change of the server's `/metrics` over the window (online tier with one worker only), else empty. */
  readonly metrics: Sample[];
}

export interface WindowOptions {
  readonly redisUrl: string;
  readonly runtimeDir: string;
  /** Scrape `/metrics` before and after (a single online process; with workers each scrape hits one of them). */
  readonly scrapeMetrics: boolean;
  /** Work running alongside the load (e.g. holding Redis' traffic); awaited with it. */
  readonly during?: () => Promise<void>;
}

async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${url}/metrics answered ${response.status}`);
  return parseMetrics(await response.text());
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SAMPLE_SETTLE_MS));

/** Loads `server` as `spec` says, sampling CPU, the event loop, GC, Redis and the server's metrics around it. */
export async function measure(
  server: BenchServer,
  spec: Omit<LoadSpec, "url">,
  options: WindowOptions,
): Promise<Measurement> {
  const pids = server.servingPids();
  const metricsBefore = options.scrapeMetrics ? await scrape(server.url) : [];
  const runtimeBefore = readRuntime(options.runtimeDir, pids);
  const serverCpu = startCpuWindow(Object.fromEntries(pids.map((pid) => [String(pid), pid])));
  const probe = await startProbe(options.redisUrl);
  const [load] = await Promise.all([runLoad({ ...spec, url: server.url }), options.during?.()]);
  const sample = await probe.stop();
  const perPid = serverCpu.stop();
  await settle();
  const runtimeAfter = readRuntime(options.runtimeDir, pids);
  const metricsAfter = options.scrapeMetrics ? await scrape(server.url) : [];
  const runtime: RuntimeWindow[] = [];
  for (const pid of pids) {
    const before = runtimeBefore.get(pid);
    const after = runtimeAfter.get(pid);
    const window = before && after ? runtimeWindow(before, after) : null;
    if (window) runtime.push(window);
  }
  const serverCores = pids.reduce((sum, pid) => sum + (perPid[String(pid)] ?? 0), 0);
  const line = `${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, non-2xx ${load.non2xx}, errors ${load.errors}${load.degraded > 0 ? `, degraded ${load.degraded}` : ""}; server ${serverCores.toFixed(2)} cores`;
  progress(`    ${line}`);
  return {
    load,
    cpuCores: {
      server: serverCores,
      bench: sample.processCpuShare,
      ...Object.fromEntries(Object.entries(sample.cpuCores)),
    },
    runtime,
    benchEventLoopUtilization: sample.eventLoopUtilization,
    redisCalls: sample.redisCalls,
    metrics: options.scrapeMetrics ? metricsDelta(metricsBefore, metricsAfter) : [],
  };
}
