import { EARLIEST_EVENT_MS, ID_PATTERN, idSchema } from "../../schemas/ids.ts";
import type { Rating } from "./types.ts";

/**
 * Row-level checks shared by the format readers; each returns the value or a reason string. They accept exactly
 * what the event schema (schemas/) accepts for ids, ratings and times, so every loaded row can become an event.
 */

const DECIMAL = /^[+]?(\d+(\.\d*)?|\.\d+)$/;
const UNSIGNED_INTEGER = /^\d+$/;

/** A rating in `[min, max]` written as a plain decimal; anything else is a reason to skip the row. */
export function parseRatingValue(text: string, min: number, max: number): number | string {
  if (!DECIMAL.test(text)) return `non-numeric rating "${text}"`;
  const value = Number(text);
  if (value < min || value > max) return `rating ${text} outside ${min}-${max}`;
  if (!isHalfStars(value)) return `rating ${text} is not in half stars`;
  return value;
}

/** Whole or half stars, as the rating event's `multipleOf(0.5)` requires. */
export function isHalfStars(rating: number): boolean {
  return Number.isInteger(rating * 2);
}

/** Unix seconds as written by MovieLens, returned as milliseconds since the epoch. */
export function parseUnixSeconds(text: string): number | string {
  if (!UNSIGNED_INTEGER.test(text)) return `bad timestamp "${text}"`;
  const ms = Number(text) * 1000;
  if (!Number.isSafeInteger(ms)) return `timestamp ${text} out of range`;
  if (ms < EARLIEST_EVENT_MS) return `timestamp ${text} is before 1995-01-01`;
  return ms;
}

/** An id the event schema accepts; one regex test for the ids MovieLens has, which all start with a digit. */
export function isValidId(text: string): boolean {
  if (!ID_PATTERN.test(text)) return false;
  const first = text.charCodeAt(0);
  // The reserved names (constructor, prototype) start with a letter, so digit-led ids need no further check.
  return (first >= 48 && first <= 57) || idSchema.safeParse(text).success;
}

/** Ids are kept as the text the file has, if the event schema accepts them; otherwise the reason. */
export function checkId(text: string, name: string): string | null {
  if (isValidId(text)) return null;
  if (text === "") return `empty ${name}`;
  if (!ID_PATTERN.test(text))
    return `bad ${name} "${text}": ${idSchema.safeParse(text).error?.issues[0]?.message}`;
  return `${name} "${text}" is a reserved name`;
}

const TRAILING_YEAR = /\((\d{4})(?:[-\u2013]\d{4})?\)\s*$/;

/** The year of a title ending in `(YYYY)` (or a span `(YYYY–YYYY)`, giving its first year); otherwise null. */
export function yearFromTitle(title: string): number | null {
  const match = TRAILING_YEAR.exec(title);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** One rating row from already-split fields `[user, item, rating, seconds]`. */
export function ratingFromFields(fields: readonly string[], min: number, max: number): Rating | string {
  if (fields.length !== 4) return `expected 4 fields, found ${fields.length}`;
  const [userId = "", itemId = "", ratingText = "", seconds = ""] = fields;
  const badId = checkId(userId, "userId") ?? checkId(itemId, "itemId");
  if (badId !== null) return badId;
  const rating = parseRatingValue(ratingText, min, max);
  if (typeof rating === "string") return rating;
  const timestamp = parseUnixSeconds(seconds);
  if (typeof timestamp === "string") return timestamp;
  return { userId, itemId, rating, timestamp };
}
