import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { type CpuUsers, servicePids, startCpuWindow } from "./service-cpu.ts";

/** What the process and Redis did during one timed window. */
export interface RuntimeSample {
  /** Share of the window the event loop was busy (1 = never idle: the process is CPU-bound). */
  eventLoopUtilization: number;
  /** Event-loop delay percentiles, ms (how long a ready callback waited). */
  eventLoopDelayP50Ms: number;
  eventLoopDelayP99Ms: number;
  /** Process CPU time (user + system) over wall time; above 1 means more than one core (GC, libuv threads). */
  processCpuShare: number;
  /** Redis calls during the window per command, server-wide (other clients of the shared Redis count too). */
  redisCalls: Record<string, number>;
  /** Microseconds Redis spent running scripts (EVALSHA and EVAL), during which it served no other client. */
  redisScriptMicros: number;
  /** Growth of Redis' used memory and key count over the window, server-wide. */
  redisMemoryBytes: number;
  redisKeys: number;
  /** Cores used on average by each local service process and by the whole machine (`machine`). */
  cpuCores: CpuUsers;
}

interface RedisCounters {
  calls: Map<string, number>;
  scriptMicros: number;
  memory: number;
  keys: number;
}

/** `INFO commandstats` (commands run by Lua scripts are counted too), used memory and DBSIZE. */
async function redisCounters(redis: Redis): Promise<RedisCounters> {
  const [stats, memory, keys] = await Promise.all([
    redis.info("commandstats"),
    redis.info("memory"),
    redis.dbsize(),
  ]);
  const calls = new Map<string, number>();
  let scriptMicros = 0;
  for (const match of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    const command = match[1] as string;
    calls.set(command, Number(match[2]));
    if (command === "evalsha" || command === "eval") scriptMicros += Number(match[3]);
  }
  return { calls, scriptMicros, memory: Number(/^used_memory:(\d+)/m.exec(memory)?.[1] ?? 0), keys };
}

/** Starts sampling; `stop()` returns the window's figures. */
export async function startProbe(redisUrl: string): Promise<{ stop(): Promise<RuntimeSample> }> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined);
  await redis.connect();
  const before = await redisCounters(redis);
  const cpuWindow = startCpuWindow(await servicePids(redisUrl));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const started = performance.now();
  return {
    async stop() {
      const wallMs = performance.now() - started;
      const cpuCores = cpuWindow.stop();
      const used = process.cpuUsage(cpu);
      const utilization = performance.eventLoopUtilization(elu).utilization;
      delay.disable();
      const after = await redisCounters(redis).finally(() => redis.disconnect());
      const redisCalls: Record<string, number> = {};
      for (const [command, calls] of after.calls) {
        const added = calls - (before.calls.get(command) ?? 0);
        if (added > 0) redisCalls[command] = added;
      }
      return {
        eventLoopUtilization: utilization,
        eventLoopDelayP50Ms: delay.percentile(50) / 1e6,
        eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
        processCpuShare: (used.user + used.system) / 1000 / wallMs,
        redisCalls,
        redisScriptMicros: after.scriptMicros - before.scriptMicros,
        redisMemoryBytes: after.memory - before.memory,
        redisKeys: after.keys - before.keys,
        cpuCores,
      };
    },
  };
}
