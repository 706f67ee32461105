import type { ItemRecord } from "../../../core/ports/index.ts";
import { ratingOfEventBody } from "../../../core/rating-body.ts";
import type { Dataset } from "../../data/index.ts";
import { compareItemIds } from "../../evaluate/index.ts";
import { importCatalog } from "../import-catalog.ts";
import { importRatings } from "../import-ratings.ts";
import type { JobDeps } from "../job-deps.ts";
import type { History, HistoryRating } from "./history.ts";

const ITEM_BATCH = 2000;

export interface LoadHistoryParams {
  /** Import this data set into the stores first (idempotent), to bootstrap a fresh deployment. */
  readonly dataset?: Dataset;
}

async function readCatalogue(deps: JobDeps): Promise<ItemRecord[]> {
  const ids = await deps.control.listItemIds();
  const items: ItemRecord[] = [];
  for (let start = 0; start < ids.length; start += ITEM_BATCH) {
    const records = await deps.control.getItems(ids.slice(start, start + ITEM_BATCH));
    for (const record of records) if (record !== null) items.push(record);
  }
  // Numeric ids in numeric order, like the data set's file: ties in evaluation go to the lower position.
  return items.sort((a, b) => compareItemIds(a.itemId, b.itemId));
}

/**
 * Every rating event, one per (user, item): a re-rating replaces the earlier one, as the user's latest opinion.
 * The BulkStore returns events by user, then time, so one user's items are tracked at a time.
 */
async function readRatings(deps: JobDeps): Promise<HistoryRating[]> {
  const progress = deps.progress({ label: "load history", unit: "events" });
  const ratings: HistoryRating[] = [];
  let currentUser: string | null = null;
  let seen = new Map<string, number>();
  let unreadable = 0;
  let replaced = 0;
  for await (const event of deps.bulk.readEvents({ types: ["rating"] })) {
    const rating = ratingOfEventBody(event.body);
    if (rating === null) {
      unreadable += 1;
      continue;
    }
    if (event.userId !== currentUser) {
      currentUser = event.userId;
      seen = new Map();
    }
    const row = { userId: event.userId, itemId: event.itemId, rating, timestamp: event.timestamp };
    const earlier = seen.get(event.itemId);
    if (earlier === undefined) {
      seen.set(event.itemId, ratings.length);
      ratings.push(row);
    } else {
      ratings[earlier] = row;
      replaced += 1;
    }
    if (ratings.length % 10_000 === 0) progress.update(ratings.length);
  }
  progress.finish(`${ratings.length} ratings`);
  if (unreadable > 0)
    deps.logger.warn("rating events without a readable rating were skipped", { unreadable });
  if (replaced > 0) deps.logger.info("re-ratings replaced earlier ratings of the same item", { replaced });
  return ratings;
}

/** Stage 1: the catalogue from the ControlStore and every rating event from the BulkStore. */
export async function loadHistory(deps: JobDeps, params: LoadHistoryParams): Promise<History> {
  if (params.dataset) {
    await importCatalog(deps, params.dataset);
    await importRatings(deps, params.dataset);
  }
  const items = await readCatalogue(deps);
  const ratings = await readRatings(deps);
  let latestTimestamp = 0;
  for (const r of ratings) if (r.timestamp > latestTimestamp) latestTimestamp = r.timestamp;
  return { items, ratings, latestTimestamp };
}
