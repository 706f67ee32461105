/** How one environment variable maps onto the config object. */
export interface EnvEntry {
  readonly name: string;
  readonly path: readonly string[];
  readonly kind: "string" | "int" | "number" | "bool";
  readonly help: string;
}

/** Every `RECSYS_*` variable Starling reads; also the source of the README's configuration table. */
export const envTable: readonly EnvEntry[] = [
  { name: "RECSYS_PROFILE", path: ["profile"], kind: "string", help: "`embedded` (default) or `services`" },
  { name: "RECSYS_CONFIG_FILE", path: [], kind: "string", help: "optional JSON file with the same shape" },
  { name: "RECSYS_DATA_DIR", path: ["dataDir"], kind: "string", help: "MovieLens copy to load" },
  { name: "RECSYS_STATE_DIR", path: ["stateDir"], kind: "string", help: "files of the embedded adapters" },
  { name: "RECSYS_HTTP_HOST", path: ["http", "host"], kind: "string", help: "address the server binds" },
  { name: "RECSYS_HTTP_PORT", path: ["http", "port"], kind: "int", help: "port (0 picks a free one)" },
  {
    name: "RECSYS_HTTP_BODY_LIMIT_BYTES",
    path: ["http", "bodyLimitBytes"],
    kind: "int",
    help: "largest body",
  },
  {
    name: "RECSYS_LOG_LEVEL",
    path: ["log", "level"],
    kind: "string",
    help: "debug, info, warn, error, silent",
  },
  {
    name: "RECSYS_EVENTLOG_URL",
    path: ["eventLog", "url"],
    kind: "string",
    help: "file://dir or kafka://host:port",
  },
  {
    name: "RECSYS_EVENTLOG_PARTITIONS",
    path: ["eventLog", "partitions"],
    kind: "int",
    help: "partitions per topic",
  },
  {
    name: "RECSYS_EVENTLOG_REPLICATION_FACTOR",
    path: ["eventLog", "replicationFactor"],
    kind: "int",
    help: "Kafka replication factor",
  },
  {
    name: "RECSYS_CACHE_URL",
    path: ["cache", "url"],
    kind: "string",
    help: "memory:// or redis://host:port",
  },
  {
    name: "RECSYS_CACHE_COMMAND_TIMEOUT_MS",
    path: ["cache", "commandTimeoutMs"],
    kind: "int",
    help: "Redis command budget (ms)",
  },
  {
    name: "RECSYS_CACHE_MAX_ENTRIES",
    path: ["cache", "maxEntries"],
    kind: "int",
    help: "in-memory LRU bound",
  },
  {
    name: "RECSYS_BULK_URL",
    path: ["bulk", "url"],
    kind: "string",
    help: "file://x.sqlite or cassandra://host/ks",
  },
  {
    name: "RECSYS_CONTROL_URL",
    path: ["control", "url"],
    kind: "string",
    help: "file://x.sqlite or mysql://...",
  },
  { name: "RECSYS_DEMO_PRIOR_WEIGHT", path: ["demo", "priorWeight"], kind: "number", help: "Bayesian prior" },
  {
    name: "RECSYS_DEMO_SYNTHETIC_USERS",
    path: ["demo", "syntheticUsers"],
    kind: "int",
    help: "synthetic data size",
  },
  { name: "RECSYS_REQUIRE_SERVICES", path: ["requireServices"], kind: "bool", help: "1 in CI: never skip" },
];
