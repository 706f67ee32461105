import { EARLIEST_EVENT_MS } from "../../schemas/ids.ts";
import { isHalfStars, isValidId } from "./field-parsers.ts";
import type { Rating } from "./types.ts";

/**
 * Fast path for the common well-formed rating line `user<sep>item<sep>rating<sep>seconds`:
 * one regex test per id, no field array. Returns null for anything unusual (quotes, bad ids or numbers,
 * wrong field count, out of range), and the caller then runs the full parser to say why.
 */
export function fastRating(line: string, sep: string, min: number, max: number): Rating | null {
  const a = line.indexOf(sep);
  const b = line.indexOf(sep, a + 1);
  const c = line.indexOf(sep, b + 1);
  if (a <= 0 || b <= a + sep.length || c < 0 || line.indexOf(sep, c + 1) !== -1) return null;
  const rating = decimalAt(line, b + sep.length, c);
  if (!(rating >= min && rating <= max) || !isHalfStars(rating)) return null;
  const seconds = digitsAt(line, c + sep.length, line.length);
  if (!(seconds * 1000 >= EARLIEST_EVENT_MS) || seconds > 9_007_199_254_740) return null;
  const userId = line.slice(0, a);
  const itemId = line.slice(a + sep.length, b);
  // Quotes fail the id check too, so quoted CSV ids go to the full parser.
  if (!isValidId(userId) || !isValidId(itemId)) return null;
  return { userId, itemId, rating, timestamp: seconds * 1000 };
}

/** A plain unsigned decimal (`4`, `4.5`) in line[from, to), or NaN. */
function decimalAt(line: string, from: number, to: number): number {
  let value = 0;
  let scale = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const code = line.charCodeAt(i);
    if (code === 46 && scale === 0) {
      scale = 1;
    } else if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      if (scale > 0) scale *= 10;
      digits += 1;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  return scale > 1 ? value / scale : value;
}

/** Unsigned decimal digits only in line[from, to), or NaN. */
function digitsAt(line: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return Number.NaN;
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = line.charCodeAt(i);
    if (code < 48 || code > 57) return Number.NaN;
    value = value * 10 + (code - 48);
  }
  return value;
}
