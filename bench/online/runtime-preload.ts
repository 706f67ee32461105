/**
 * Loaded into the servers bench/online.bench.ts starts (`node --import tsx --import <this file> ...`), cluster
 * workers included: every half second it writes the process's cumulative event-loop busy time, GC pause time and
 * CPU time to `$BENCH_ONLINE_RUNTIME_DIR/<pid>.json`, so the benchmark can say whether the event loop, GC or
 * something outside the process limits a figure. It only observes: no request passes through it.
 */
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PerformanceObserver, performance } from "node:perf_hooks";

const WRITE_EVERY_MS = 500;
const dir = process.env.BENCH_ONLINE_RUNTIME_DIR;

if (dir) {
  let gcMs = 0;
  let gcCount = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcCount += 1;
    }
  }).observe({ entryTypes: ["gc"] });
  const file = join(dir, `${process.pid}.json`);
  const write = () => {
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const sample = {
      pid: process.pid,
      // Milliseconds on CLOCK_MONOTONIC, comparable with the benchmark's process.hrtime.
      atMs: Number(process.hrtime.bigint()) / 1e6,
      activeMs: elu.active,
      idleMs: elu.idle,
      gcMs,
      gcCount,
      cpuMs: (cpu.user + cpu.system) / 1000,
      heapUsedMB: memory.heapUsed / 2 ** 20,
      rssMB: memory.rss / 2 ** 20,
    };
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(sample));
      renameSync(`${file}.tmp`, file);
    } catch {
      // The benchmark removed the folder on its way out.
    }
  };
  setInterval(write, WRITE_EVERY_MS).unref();
  write();
}
