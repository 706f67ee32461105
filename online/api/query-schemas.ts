import { z } from "zod";
import { idSchema } from "../../schemas/index.ts";

/** Largest list any read endpoint returns. */
export const MAX_K = 100;
/** Most ids `exclude` may name. */
export const MAX_EXCLUDE = 500;

const kParam = z
  .string()
  .regex(/^\d{1,9}$/, `an integer from 1 to ${MAX_K}`)
  .transform(Number)
  .refine((k) => k >= 1 && k <= MAX_K, `an integer from 1 to ${MAX_K}`)
  .optional()
  .default(10)
  .describe(`how many items, 1 to ${MAX_K}`);

const flagParam = z
  .enum(["0", "1", "true", "false"], { message: "0, 1, true or false" })
  .transform((v) => v === "1" || v === "true")
  .optional()
  .default(false);

export const RANK_MODELS = ["ranker", "embedding"] as const;
export type RankModel = (typeof RANK_MODELS)[number];

export const SIMILAR_METHODS = ["item2vec", "deepwalk", "node2vec", "als", "graph", "lsh"] as const;
export type SimilarMethod = (typeof SIMILAR_METHODS)[number];

export const GENRE_SORTS = ["rating", "popularity", "recent"] as const;

const excludeParam = z
  .string()
  .transform((raw, ctx) => {
    const ids = raw === "" ? [] : raw.split(",");
    if (ids.length > MAX_EXCLUDE) {
      ctx.addIssue({ code: "custom", message: `at most ${MAX_EXCLUDE} ids` });
      return z.NEVER;
    }
    for (const id of ids) {
      if (!idSchema.safeParse(id).success) {
        ctx.addIssue({ code: "custom", message: `"${id.slice(0, 70)}" is not a valid item id` });
        return z.NEVER;
      }
    }
    return ids;
  })
  .optional()
  .default([])
  .describe("comma-separated item ids never to recommend");

export const recommendationsQuery = z.strictObject({
  k: kParam,
  model: z
    .enum(RANK_MODELS, { message: `one of ${RANK_MODELS.join(", ")}` })
    .optional()
    .describe(
      "ranker (the offline-trained model) or embedding (inner product); default: experiment arm, then ranker",
    ),
  exclude: excludeParam,
  explain: flagParam.describe("add per-item feature values and score parts"),
});

export const similarQuery = z.strictObject({
  k: kParam,
  method: z
    .enum(SIMILAR_METHODS, { message: `one of ${SIMILAR_METHODS.join(", ")}` })
    .optional()
    .default("item2vec"),
});

export const genreItemsQuery = z.strictObject({
  k: kParam,
  sort: z
    .enum(GENRE_SORTS, { message: `one of ${GENRE_SORTS.join(", ")}` })
    .optional()
    .default("rating"),
});

export const kOnlyQuery = z.strictObject({ k: kParam });
