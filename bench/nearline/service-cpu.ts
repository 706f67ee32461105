import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import { statusCassandra } from "../../infra/local/cassandra/index.ts";
import { statusKafka } from "../../infra/local/kafka/index.ts";
import { sharedLauncher } from "../stores/endpoints.ts";

/** Linux' USER_HZ: /proc times are in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** The processes whose CPU a window reports: the services, and the whole machine. */
export type CpuUsers = Record<string, number>;

/** CPU seconds a process used so far (user + system), or null when /proc cannot say. */
function processSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine (every core, every process), or null off Linux. */
function machineSeconds(): number | null {
  try {
    const [, ...ticks] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    return (
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
      TICKS_PER_SECOND
    );
  } catch {
    return null;
  }
}

/** Pids of the local Kafka and Cassandra (as the launchers recorded them) and of Redis (as it reports). */
export async function servicePids(redisUrl: string): Promise<CpuUsers> {
  const pids: CpuUsers = {};
  const launcher = sharedLauncher();
  const kafka = await statusKafka(launcher).catch(() => null);
  if (kafka?.pid) pids.kafka = kafka.pid;
  const cassandra = await statusCassandra(launcher).catch(() => null);
  if (cassandra?.pid) pids.cassandra = cassandra.pid;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    const pid = Number(/^process_id:(\d+)/m.exec(await redis.info("server"))?.[1]);
    if (pid > 0) pids.redis = pid;
  } finally {
    redis.disconnect();
  }
  return pids;
}

/** Starts counting; `stop()` returns the cores each process (and the machine, `machine`) used on average. */
export function startCpuWindow(pids: CpuUsers): { stop(): CpuUsers } {
  const read = (): CpuUsers => {
    const out: CpuUsers = {};
    for (const [name, pid] of Object.entries(pids)) {
      const seconds = processSeconds(pid);
      if (seconds !== null) out[name] = seconds;
    }
    const machine = machineSeconds();
    if (machine !== null) out.machine = machine;
    return out;
  };
  const before = read();
  const started = performance.now();
  return {
    stop() {
      const wall = (performance.now() - started) / 1000;
      const after = read();
      const cores: CpuUsers = {};
      for (const [name, seconds] of Object.entries(after)) {
        const start = before[name];
        if (start !== undefined) cores[name] = (seconds - start) / wall;
      }
      return cores;
    },
  };
}
