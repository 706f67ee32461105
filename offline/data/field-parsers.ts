import type { Rating } from "./types.ts";

/** Row-level checks shared by the format readers; each returns the value or a reason string. */

const DECIMAL = /^[+]?(\d+(\.\d*)?|\.\d+)$/;
const UNSIGNED_INTEGER = /^\d+$/;

/** A rating in `[min, max]` written as a plain decimal; anything else is a reason to skip the row. */
export function parseRatingValue(text: string, min: number, max: number): number | string {
  if (!DECIMAL.test(text)) return `non-numeric rating "${text}"`;
  const value = Number(text);
  if (value < min || value > max) return `rating ${text} outside ${min}-${max}`;
  return value;
}

/** Unix seconds as written by MovieLens, returned as milliseconds since the epoch. */
export function parseUnixSeconds(text: string): number | string {
  if (!UNSIGNED_INTEGER.test(text)) return `bad timestamp "${text}"`;
  const ms = Number(text) * 1000;
  if (!Number.isSafeInteger(ms)) return `timestamp ${text} out of range`;
  return ms;
}

/** Ids are kept as the text the file has; only an empty one is rejected. */
export function checkId(text: string, name: string): string | null {
  return text.trim() === "" ? `empty ${name}` : null;
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
