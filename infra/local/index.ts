import type { LauncherOptions } from "./launcher-options.ts";

export type { LauncherOptions } from "./launcher-options.ts";

export type LocalServiceName = "kafka" | "redis" | "cassandra" | "mysql";

/** Makes sure the service runs locally (reusing one already running) and returns how to reach it. */
export async function ensureService(name: LocalServiceName, options: LauncherOptions): Promise<unknown> {
  switch (name) {
    case "kafka":
      return (await import("./kafka/index.ts")).ensureKafka(options);
    case "cassandra":
      return (await import("./cassandra/index.ts")).ensureCassandra(options);
    case "redis":
      return (await import("./redis/index.ts")).ensureRedis(options);
    case "mysql":
      return (await import("./mysql/index.ts")).ensureMysql(options);
  }
}

/** Stops the service if these launchers started it (by its recorded pid); true when something was stopped. */
export async function stopService(name: LocalServiceName, options: LauncherOptions): Promise<boolean> {
  switch (name) {
    case "kafka":
      return (await import("./kafka/index.ts")).stopKafka(options);
    case "cassandra":
      return (await import("./cassandra/index.ts")).stopCassandra(options);
    case "redis":
      return (await import("./redis/index.ts")).stopRedis(options);
    case "mysql":
      return (await import("./mysql/index.ts")).stopMysql(options);
  }
}
