import type { RawEvent } from "../../core/ports/index.ts";
import { ratingOfEventBody } from "../../core/rating-body.ts";
import type { UserAction } from "./types.ts";

/** Version of the `u:{id}:archive` value layout. */
const ARCHIVE_FORMAT = 1;

/** One action as stored: `["r", item, ms, rating]` or `["c", item, ms]`, compact so long histories stay small. */
type StoredAction = ["r", string, number, number] | ["c", string, number];

/** The user's rating and click events from the BulkStore as actions; unreadable ratings are left out. */
export function actionsOfEvents(events: readonly RawEvent[]): UserAction[] {
  const actions: UserAction[] = [];
  for (const event of events) {
    if (event.type === "click") {
      actions.push({ itemId: event.itemId, type: "click", rating: null, timestamp: event.timestamp });
    } else if (event.type === "rating") {
      const rating = ratingOfEventBody(event.body);
      if (rating !== null)
        actions.push({ itemId: event.itemId, type: "rating", rating, timestamp: event.timestamp });
    }
  }
  return actions;
}

export function encodeArchive(actions: readonly UserAction[]): string {
  const stored: StoredAction[] = actions.map((a) =>
    a.type === "rating" ? ["r", a.itemId, a.timestamp, a.rating as number] : ["c", a.itemId, a.timestamp],
  );
  return JSON.stringify({ f: ARCHIVE_FORMAT, a: stored });
}

/** The actions of a stored archive, or null when the value is not one (a corrupt value is a miss). */
export function decodeArchive(text: string): UserAction[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { f, a } = value as { f?: unknown; a?: unknown };
  if (f !== ARCHIVE_FORMAT || !Array.isArray(a)) return null;
  const actions: UserAction[] = [];
  for (const entry of a) {
    const action = actionOf(entry);
    if (action === null) return null;
    actions.push(action);
  }
  return actions;
}

function actionOf(entry: unknown): UserAction | null {
  if (!Array.isArray(entry)) return null;
  const [kind, itemId, timestamp, rating] = entry as unknown[];
  if (typeof itemId !== "string" || typeof timestamp !== "number" || !Number.isFinite(timestamp)) return null;
  if (kind === "c" && entry.length === 3) return { itemId, type: "click", rating: null, timestamp };
  if (kind === "r" && entry.length === 4 && typeof rating === "number" && Number.isFinite(rating)) {
    return { itemId, type: "rating", rating, timestamp };
  }
  return null;
}
