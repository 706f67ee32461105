import { z } from "zod";
import { nearlineSchema } from "./nearline-schema.ts";
import { offlineSchema } from "./offline-schema.ts";
import { onlineSchema } from "./online-schema.ts";

const logLevel = z.enum(["debug", "info", "warn", "error", "silent"]);
const adapterUrl = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*:\/\//, "a URL such as memory://, file://path, redis://host:port");

/** The whole configuration; every key is optional in the environment and the file, defaults fill the rest. */
export const configSchema = z.strictObject({
  /** `embedded` runs everything in process; `services` uses Kafka, Redis, Cassandra and MySQL. */
  profile: z.enum(["embedded", "services"]),
  /** A MovieLens copy (ml-latest, ml-100k or ml-1m) to load; unset means ./data, then download, then synthetic. */
  dataDir: z.string().min(1).optional(),
  /** Where embedded adapters keep their files. */
  stateDir: z.string().min(1),
  http: z.strictObject({
    host: z.string().min(1),
    port: z.number().int().min(0).max(65535),
    /** Largest request body accepted, in bytes. */
    bodyLimitBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024),
  }),
  log: z.strictObject({ level: logLevel }),
  eventLog: z.strictObject({
    url: adapterUrl,
    partitions: z.number().int().min(1).max(1024),
    replicationFactor: z.number().int().min(1).max(7),
  }),
  cache: z.strictObject({
    url: adapterUrl,
    /** Entry bound of the in-memory cache (LRU beyond it). */
    maxEntries: z.number().int().min(100).max(100_000_000),
    /** Budget of one Redis command for online reads; a slower Redis counts as down. */
    commandTimeoutMs: z.number().int().min(1).max(60_000),
  }),
  bulk: z.strictObject({ url: adapterUrl }),
  control: z.strictObject({ url: adapterUrl }),
  demo: z.strictObject({
    /** Prior weight of the Bayesian average: how many "average" ratings every item starts with. */
    priorWeight: z.number().min(0).max(10_000),
    /** Size of the synthetic data set used when no MovieLens copy can be found or fetched. */
    syntheticUsers: z.number().int().min(10).max(10_000_000),
  }),
  /** Prefix of Kafka topics and groups and of Redis keys, so deployments or tests can share a cluster. */
  namespace: z.string().regex(/^[A-Za-z0-9_-]{0,64}$/, "letters, digits, _ and -, at most 64"),
  ingest: z.strictObject({
    /** Most events one `POST /api/v1/events` may carry. */
    maxBatch: z.number().int().min(1).max(10_000),
    /** Longest wait for the event log's acknowledgement before answering 503. */
    deadlineMs: z.number().int().min(10).max(60_000),
  }),
  nearline: nearlineSchema,
  online: onlineSchema,
  offline: offlineSchema,
  /** Set in CI: tests that need a real service fail instead of skipping when it is missing. */
  requireServices: z.boolean(),
});

export type Config = z.infer<typeof configSchema>;
export type Profile = Config["profile"];
