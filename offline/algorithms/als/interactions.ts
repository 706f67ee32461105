import { type Csr, transposeCsr } from "./csr.ts";

/** Implicit feedback: user rows by item columns, held both ways so each ALS half-step reads its own rows. */
export interface Interactions {
  /** Row r of `userItems` (and column r of `itemUsers`) belongs to `userIds[r]`. */
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  /** userIds.length rows; values are the interaction strengths r_ui (confidence is 1 + alpha * r_ui). */
  readonly userItems: Csr;
  /** The transpose: itemIds.length rows of user indices. */
  readonly itemUsers: Csr;
}

/** One rating as `buildInteractions` reads it; any other fields are ignored. */
export interface InteractionRow {
  readonly userId: string;
  readonly itemId: string;
  readonly rating: number;
}

export interface InteractionOptions {
  /** Ratings below this are ignored; by default every rating counts, as "the user interacted". */
  readonly minRating?: number;
  /** The strength r_ui of a rating (a pair rated twice keeps the stronger); 1 for every rating by default. */
  readonly strength?: (rating: number) => number;
}

/**
 * Builds implicit feedback from ratings: every (user, item) pair with at least one rating >= minRating gets
 * value `strength(rating)` (1 by default), however often it was rated (a re-rating is still one interaction).
 * Ids are numbered in order of first appearance among the kept ratings; users or items with no kept rating
 * are left out.
 */
export function buildInteractions(
  ratings: readonly InteractionRow[],
  options: InteractionOptions = {},
): Interactions {
  const minRating = options.minRating ?? Number.NEGATIVE_INFINITY;
  const strength = options.strength ?? (() => 1);
  const users = new IdTable();
  const items = new IdTable();
  const pairUsers: number[] = [];
  const pairItems: number[] = [];
  const pairStrengths: number[] = [];
  for (const row of ratings) {
    if (!(row.rating >= minRating)) continue;
    pairUsers.push(users.intern(row.userId));
    pairItems.push(items.intern(row.itemId));
    pairStrengths.push(strength(row.rating));
  }
  const userItems = pairsToCsr(pairUsers, pairItems, pairStrengths, users.ids.length, items.ids.length);
  return {
    userIds: users.ids,
    itemIds: items.ids,
    userItems,
    itemUsers: transposeCsr(userItems, items.ids.length),
  };
}

class IdTable {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  intern(id: string): number {
    let position = this.index.get(id);
    if (position === undefined) {
      position = this.ids.length;
      this.index.set(id, position);
      this.ids.push(id);
    }
    return position;
  }
}

/** Sorts the pairs by (row, column) through one numeric key, dropping repeats, and lays them out as rows. */
function pairsToCsr(
  rows: readonly number[],
  columns: readonly number[],
  strengths: readonly number[],
  rowCount: number,
  columnCount: number,
) {
  const keys = new Float64Array(rows.length);
  const strongest = new Map<number, number>();
  for (let n = 0; n < rows.length; n++) {
    const key = (rows[n] as number) * columnCount + (columns[n] as number);
    keys[n] = key;
    strongest.set(key, Math.max(strongest.get(key) ?? Number.NEGATIVE_INFINITY, strengths[n] as number));
  }
  keys.sort();
  const offsets = new Int32Array(rowCount + 1);
  const indices: number[] = [];
  const values: number[] = [];
  let previous = -1;
  for (const key of keys) {
    if (key === previous) continue;
    previous = key;
    const row = Math.floor(key / columnCount);
    offsets[row + 1] = (offsets[row + 1] as number) + 1;
    indices.push(key - row * columnCount);
    values.push(strongest.get(key) as number);
  }
  for (let r = 0; r < rowCount; r++) offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number);
  const csr: Csr = {
    offsets,
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
  return csr;
}
