/** One entry of a user's recent-history list (`u:{id}:hist`), newest first. */
export interface HistoryEntry {
  readonly eventId: string;
  readonly type: "rating" | "click";
  readonly itemId: string;
  /** Event time, ms since the epoch. */
  readonly timestamp: number;
  /** Present for ratings. */
  readonly rating?: number;
}

/** Compact JSON, so a list of a hundred entries stays a few kilobytes. */
export function encodeHistoryEntry(entry: HistoryEntry): string {
  const base = {
    e: entry.eventId,
    k: entry.type === "rating" ? "r" : "c",
    i: entry.itemId,
    t: entry.timestamp,
  };
  return JSON.stringify(entry.rating === undefined ? base : { ...base, r: entry.rating });
}

/** The entry, or null for a value that is not one (a corrupt value reads as a miss, never as an error). */
export function decodeHistoryEntry(text: string): HistoryEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { e, k, i, t, r } = value as Record<string, unknown>;
  if (typeof e !== "string" || typeof i !== "string" || typeof t !== "number") return null;
  if (k !== "r" && k !== "c") return null;
  const type = k === "r" ? "rating" : "click";
  return typeof r === "number"
    ? { eventId: e, type, itemId: i, timestamp: t, rating: r }
    : { eventId: e, type, itemId: i, timestamp: t };
}

/** One entry of a user's liked list (`u:{id}:liked`): `<item>|<ms>`. */
export function encodeLikedEntry(itemId: string, timestamp: number): string {
  return `${itemId}|${timestamp}`;
}

/** The liked item and its time, or null for a corrupt entry. */
export function decodeLikedEntry(text: string): { itemId: string; timestamp: number } | null {
  const bar = text.lastIndexOf("|");
  const time = text.slice(bar + 1);
  if (bar <= 0 || !/^-?\d{1,16}$/.test(time)) return null;
  return { itemId: text.slice(0, bar), timestamp: Number(time) };
}
