import { z } from "zod";

/** A five- or six-field cron expression; node-cron checks the ranges when the schedule starts. */
const cronExpression = z
  .string()
  .regex(/^\S+( \S+){4,5}$/, "a cron expression with 5 or 6 fields, e.g. `0 3 * * *`");

/** Item2Vec hyperparameters (skip-gram with negative sampling). */
export const item2vecSchema = z.strictObject({
  dimension: z.number().int().min(2).max(1024),
  window: z.number().int().min(1).max(100),
  negatives: z.number().int().min(1).max(100),
  epochs: z.number().int().min(1).max(1000),
  minCount: z.number().int().min(1).max(1_000_000),
  /** word2vec's sub-sampling threshold; 0 turns it off. */
  subsample: z.number().min(0).max(1),
  learningRate: z.number().positive().max(1),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  /** Worker threads for training; 1 is reproducible bit for bit. */
  threads: z.number().int().min(1).max(64),
});

/** Random walks over the behaviour graph, embedded by skip-gram with the Item2Vec settings. */
const walkSchema = {
  walksPerNode: z.number().int().min(1).max(1000),
  walkLength: z.number().int().min(2).max(1000),
  epochs: z.number().int().min(1).max(1000),
};

/** Implicit ALS. */
export const alsSchema = z.strictObject({
  factors: z.number().int().min(1).max(1024),
  regularization: z.number().positive().max(1e6),
  alpha: z.number().min(0).max(1e6),
  iterations: z.number().int().min(1).max(1000),
});

/** The ranking model and the candidates it orders. */
export const rankerSchema = z.strictObject({
  /** Items each recall channel contributes to the ranker's candidates. */
  candidatesPerChannel: z.number().int().min(1).max(10_000),
  /** Hidden layer sizes of the deep part, e.g. `32,16`; empty trains the wide part (logistic regression) alone. */
  hidden: z.string().regex(/^(\d+(,\d+)*)?$/, "comma-separated layer sizes such as `32,16`, or empty"),
  epochs: z.number().int().min(1).max(10_000),
});

/** The offline tier: schedule, promotion rule, what gets warmed, feature and model settings. */
export const offlineSchema = z.strictObject({
  /** When `recsys offline schedule` runs the pipeline (server local time). */
  schedule: cronExpression,
  /** Largest relative HR@10 drop against the serving version that still promotes (0.1 = 10 %). */
  promotionMargin: z.number().min(0).max(1),
  /** How many of the most recently active users get their embedding and features warmed in the cache. */
  hotUsers: z.number().int().min(0).max(10_000_000),
  /** Time to live of warmed user-scoped keys. */
  userTtlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365),
  /** Quantile buckets per bucketed feature. */
  buckets: z.number().int().min(2).max(1000),
  /** Evaluate on at most this many users (a seeded sample), so evaluation time stays bounded on large data. */
  evalMaxUsers: z.number().int().min(1).max(10_000_000),
  /** Half-life of the recency-weighted user embedding. */
  recencyHalfLifeDays: z.number().positive().max(36_500),
  item2vec: item2vecSchema,
  deepwalk: z.strictObject(walkSchema),
  node2vec: z.strictObject({
    ...walkSchema,
    /** Return parameter: low p keeps walks local. */
    p: z.number().positive().max(1000),
    /** In-out parameter: low q walks outward. */
    q: z.number().positive().max(1000),
  }),
  als: alsSchema,
  ranker: rankerSchema,
});

export type OfflineConfig = z.infer<typeof offlineSchema>;
