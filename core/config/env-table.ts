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
  {
    name: "RECSYS_OFFLINE_SCHEDULE",
    path: ["offline", "schedule"],
    kind: "string",
    help: "cron expression of `recsys offline schedule`",
  },
  {
    name: "RECSYS_OFFLINE_PROMOTION_MARGIN",
    path: ["offline", "promotionMargin"],
    kind: "number",
    help: "largest relative HR@10 drop that still promotes",
  },
  {
    name: "RECSYS_OFFLINE_HOT_USERS",
    path: ["offline", "hotUsers"],
    kind: "int",
    help: "recently active users warmed in the cache",
  },
  {
    name: "RECSYS_OFFLINE_USER_TTL_HOURS",
    path: ["offline", "userTtlHours"],
    kind: "int",
    help: "TTL of warmed user keys",
  },
  {
    name: "RECSYS_OFFLINE_BUCKETS",
    path: ["offline", "buckets"],
    kind: "int",
    help: "quantile buckets per feature",
  },
  {
    name: "RECSYS_OFFLINE_RECENCY_HALF_LIFE_DAYS",
    path: ["offline", "recencyHalfLifeDays"],
    kind: "number",
    help: "half-life of the recency-weighted user embedding",
  },
  {
    name: "RECSYS_OFFLINE_EVAL_MAX_USERS",
    path: ["offline", "evalMaxUsers"],
    kind: "int",
    help: "users sampled for evaluation at most",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_DIMENSION",
    path: ["offline", "item2vec", "dimension"],
    kind: "int",
    help: "Item2Vec vector size",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_WINDOW",
    path: ["offline", "item2vec", "window"],
    kind: "int",
    help: "Item2Vec context window",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_NEGATIVES",
    path: ["offline", "item2vec", "negatives"],
    kind: "int",
    help: "negative samples per pair",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_EPOCHS",
    path: ["offline", "item2vec", "epochs"],
    kind: "int",
    help: "training epochs",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_MIN_COUNT",
    path: ["offline", "item2vec", "minCount"],
    kind: "int",
    help: "least liked count of an item",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_SUBSAMPLE",
    path: ["offline", "item2vec", "subsample"],
    kind: "number",
    help: "sub-sampling threshold (0 = off)",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_LEARNING_RATE",
    path: ["offline", "item2vec", "learningRate"],
    kind: "number",
    help: "starting learning rate",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_SEED",
    path: ["offline", "item2vec", "seed"],
    kind: "int",
    help: "random seed",
  },
  {
    name: "RECSYS_OFFLINE_ITEM2VEC_THREADS",
    path: ["offline", "item2vec", "threads"],
    kind: "int",
    help: "worker threads (1 = reproducible)",
  },
  { name: "RECSYS_REQUIRE_SERVICES", path: ["requireServices"], kind: "bool", help: "1 in CI: never skip" },
];
