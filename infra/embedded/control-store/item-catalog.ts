import type { Database, Statement } from "better-sqlite3";
import type { ItemRecord } from "../../../core/ports/control-store.ts";
import { guard } from "../sqlite/index.ts";

interface ItemRow {
  item_id: string;
  title: string;
  year: number | null;
  eligible: number;
}

// Id lists travel as one JSON parameter read by json_each: one statement however many ids, no parameter limit.
const IN_IDS = "IN (SELECT value FROM json_each(?))";

/** The items and item_genres tables: catalogue records and their eligibility flag. */
export class ItemCatalog {
  private readonly upsertAll: (items: readonly ItemRecord[]) => void;
  private readonly readAll: (itemIds: readonly string[]) => (ItemRecord | null)[];
  private readonly updateEligible: Statement<[number, string]>;
  private readonly selectEligible: Statement<[string], string>;
  private readonly selectIds: Statement<[], string>;

  constructor(db: Database) {
    const upsertItem = db.prepare<[string, string, number | null, number]>(
      `INSERT INTO items (item_id, title, year, eligible) VALUES (?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET title = excluded.title, year = excluded.year, eligible = excluded.eligible`,
    );
    const clearGenres = db.prepare<[string]>("DELETE FROM item_genres WHERE item_id = ?");
    const addGenre = db.prepare<[string, string, number]>(
      "INSERT OR IGNORE INTO item_genres (item_id, genre, position) VALUES (?, ?, ?)",
    );
    this.upsertAll = db.transaction((items: readonly ItemRecord[]) => {
      for (const item of items) {
        upsertItem.run(item.itemId, item.title, item.year, item.eligible ? 1 : 0);
        clearGenres.run(item.itemId);
        for (const [position, genre] of item.genres.entries()) addGenre.run(item.itemId, genre, position);
      }
    });
    const selectItems = db.prepare<[string], ItemRow>(
      `SELECT item_id, title, year, eligible FROM items WHERE item_id ${IN_IDS}`,
    );
    const selectGenres = db.prepare<[string], { item_id: string; genre: string }>(
      `SELECT item_id, genre FROM item_genres WHERE item_id ${IN_IDS} ORDER BY item_id, position`,
    );
    // One read transaction so an item and its genres come from the same snapshot.
    this.readAll = db.transaction((itemIds: readonly string[]) => {
      const ids = JSON.stringify(itemIds);
      return assembleItems(itemIds, selectItems.all(ids), selectGenres.all(ids));
    });
    this.updateEligible = db.prepare(`UPDATE items SET eligible = ? WHERE item_id ${IN_IDS}`);
    this.selectEligible = db
      .prepare<[string], string>(`SELECT item_id FROM items WHERE eligible = 1 AND item_id ${IN_IDS}`)
      .pluck();
    this.selectIds = db.prepare<[], string>("SELECT item_id FROM items ORDER BY item_id").pluck();
  }

  /** Every item id in ascending order (SQLite compares text bytewise). */
  listIds(): string[] {
    return guard("list items", () => this.selectIds.all());
  }

  /** Insert or wholly replace items (title, year, genres, eligibility) in one transaction. */
  upsert(items: readonly ItemRecord[]): void {
    guard("upsert items", () => this.upsertAll(items));
  }

  /** Records in the order of `itemIds`, null where unknown. */
  get(itemIds: readonly string[]): (ItemRecord | null)[] {
    if (itemIds.length === 0) return [];
    return guard("read items", () => this.readAll(itemIds));
  }

  /** Flag known items; unknown ids are ignored. */
  setEligible(itemIds: readonly string[], eligible: boolean): void {
    guard("set item eligibility", () => this.updateEligible.run(eligible ? 1 : 0, JSON.stringify(itemIds)));
  }

  /** The eligible subset of `itemIds`. */
  eligibleAmong(itemIds: readonly string[]): Set<string> {
    if (itemIds.length === 0) return new Set();
    return new Set(guard("read item eligibility", () => this.selectEligible.all(JSON.stringify(itemIds))));
  }
}

function assembleItems(
  itemIds: readonly string[],
  rows: readonly ItemRow[],
  genreRows: readonly { item_id: string; genre: string }[],
): (ItemRecord | null)[] {
  const genresById = new Map<string, string[]>();
  for (const { item_id, genre } of genreRows) {
    const list = genresById.get(item_id);
    if (list === undefined) genresById.set(item_id, [genre]);
    else list.push(genre);
  }
  const byId = new Map(rows.map((row) => [row.item_id, row]));
  return itemIds.map((id) => {
    const row = byId.get(id);
    if (row === undefined) return null;
    return {
      itemId: id,
      title: row.title,
      year: row.year,
      genres: genresById.get(id) ?? [],
      eligible: row.eligible === 1,
    };
  });
}
