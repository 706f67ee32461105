import { z } from "zod";
import { idSchema, timestampSchema } from "./ids.ts";

/** Version of the event layout; bumped only with a migration path for consumers. */
export const EVENT_SCHEMA_VERSION = 1;

const envelope = {
  eventId: idSchema,
  schemaVersion: z.literal(EVENT_SCHEMA_VERSION),
  userId: idSchema,
  /** Event time in milliseconds since the epoch. */
  timestamp: timestampSchema,
};

export const ratingEventSchema = z.strictObject({
  ...envelope,
  type: z.literal("rating"),
  itemId: idSchema,
  /** Half stars from 0.5 to 5, as MovieLens uses. */
  rating: z.number().min(0.5).max(5).multipleOf(0.5, "a rating in half stars: 0.5, 1, ..., 5"),
});

export const clickEventSchema = z.strictObject({
  ...envelope,
  type: z.literal("click"),
  itemId: idSchema,
  /** The impression's request this click came from, when known. */
  requestId: idSchema.optional(),
  /** 0-based position of the item in the served list, when known. */
  position: z.number().int().min(0).max(10_000).optional(),
});

export const MAX_IMPRESSION_ITEMS = 500;

/** One served list: which items the user saw, where, and what produced them. */
export const impressionEventSchema = z.strictObject({
  ...envelope,
  type: z.literal("impression"),
  requestId: idSchema,
  items: z
    .array(z.strictObject({ itemId: idSchema, position: z.number().int().min(0).max(10_000) }))
    .min(1)
    .max(MAX_IMPRESSION_ITEMS),
  modelVersion: idSchema.optional(),
  experimentArm: idSchema.optional(),
});

export const eventSchema = z.discriminatedUnion("type", [
  ratingEventSchema,
  clickEventSchema,
  impressionEventSchema,
]);

export type RatingEvent = z.infer<typeof ratingEventSchema>;
export type ClickEvent = z.infer<typeof clickEventSchema>;
export type ImpressionEvent = z.infer<typeof impressionEventSchema>;
export type StarlingEvent = z.infer<typeof eventSchema>;
export type EventType = StarlingEvent["type"];
export const EVENT_TYPES: readonly EventType[] = ["rating", "click", "impression"];
