import { z } from "zod";

/** Response bodies, as zod schemas: the OpenAPI document is generated from them and tests check answers with them. */

export const itemSummary = z.object({
  itemId: z.string(),
  title: z.string(),
  year: z.number().int().nullable(),
  genres: z.array(z.string()),
});

export const scoredItem = itemSummary.extend({ score: z.number() });

export const recommendedItem = scoredItem.extend({
  channels: z.array(z.string()).describe("the recall channels that found the item"),
  explain: z
    .object({
      features: z.record(z.string(), z.number()),
      parts: z.record(z.string(), z.number()),
    })
    .optional()
    .describe("with explain=1: the ranking features of the item and the parts of its score"),
});

export const recommendationsResponse = z.object({
  userId: z.string(),
  k: z.number().int(),
  requestId: z.string(),
  model: z.string().describe("ranker, embedding, cold-start or popular (the last resort)"),
  modelVersion: z.string().nullable(),
  coldStart: z.boolean(),
  degraded: z.boolean(),
  degradedReasons: z.array(z.string()),
  experiment: z.object({ id: z.string(), arm: z.string() }).nullable(),
  items: z.array(recommendedItem),
});

export const similarResponse = z.object({
  itemId: z.string(),
  method: z.string(),
  version: z.string().nullable(),
  items: z.array(scoredItem),
});

export const userResponse = z.object({
  userId: z.string(),
  coldStart: z.boolean(),
  degraded: z.boolean(),
  degradedReasons: z.array(z.string()),
  embeddingVersion: z.string().nullable(),
  history: z.array(
    itemSummary.extend({
      type: z.enum(["rating", "click"]),
      rating: z.number().nullable(),
      timestamp: z.number(),
    }),
  ),
  topGenres: z.array(z.object({ genre: z.string(), share: z.number() })),
});

export const trendingResponse = z.object({
  k: z.number().int(),
  degraded: z.boolean(),
  degradedReasons: z.array(z.string()),
  items: z.array(scoredItem),
});

export const genreItemsResponse = z.object({
  genre: z.string(),
  k: z.number().int(),
  sort: z.string(),
  version: z.string(),
  items: z.array(itemSummary.extend({ score: z.number().nullable() })),
});

export const problemResponseSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  field: z.string().optional(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
