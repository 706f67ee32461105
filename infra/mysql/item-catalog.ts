import type { ItemRecord } from "../../core/ports/control-store.ts";
import type { MysqlSession, SqlRunner } from "./mysql-session.ts";
import { chunks, IN_LIST_CHUNK, INSERT_CHUNK } from "./sql-chunks.ts";

interface ItemGenreRow {
  item_id: string;
  title: string;
  year: number | null;
  eligible: number;
  genre: string | null;
}

// One statement per chunk returns each item with its genres, so a record and its genres share a snapshot.
const SELECT_ITEMS = `SELECT i.item_id, i.title, i.year, i.eligible, g.genre
  FROM items i LEFT JOIN item_genres g ON g.item_id = i.item_id
  WHERE i.item_id IN (?) ORDER BY i.item_id, g.position`;

/** The items and item_genres tables: catalogue records and their eligibility flag. */
export class ItemCatalog {
  constructor(private readonly session: MysqlSession) {}

  /** Insert or wholly replace items (title, year, genres, eligibility) in one transaction; the last duplicate wins. */
  async upsert(items: readonly ItemRecord[]): Promise<void> {
    const latest = [...new Map(items.map((item) => [item.itemId, item])).values()];
    if (latest.length === 0) return;
    await this.session.transaction("upsert items", async (sql) => {
      for (const batch of chunks(latest, INSERT_CHUNK)) await upsertBatch(sql, batch);
    });
  }

  /** Records in the order of `itemIds`, null where unknown. */
  async get(itemIds: readonly string[]): Promise<(ItemRecord | null)[]> {
    const unique = [...new Set(itemIds)];
    if (unique.length === 0) return [];
    const read = async (sql: SqlRunner) => {
      const rows: ItemGenreRow[] = [];
      for (const ids of chunks(unique, IN_LIST_CHUNK))
        rows.push(...(await sql.rows<ItemGenreRow>(SELECT_ITEMS, [ids])));
      return assembleItems(itemIds, rows);
    };
    // Several chunks read inside one transaction so they all come from the same snapshot.
    return unique.length <= IN_LIST_CHUNK
      ? this.session.connected("read items", read)
      : this.session.transaction("read items", read);
  }

  /** Every item id, in binary (byte) order so it matches the port's ascending string order for ASCII ids. */
  async listIds(): Promise<string[]> {
    return this.session.connected("list items", async (sql) => {
      const rows = await sql.rows<{ item_id: string }>("SELECT item_id FROM items ORDER BY item_id");
      return rows.map((row) => row.item_id);
    });
  }

  /** Flag known items; unknown ids are ignored. */
  async setEligible(itemIds: readonly string[], eligible: boolean): Promise<void> {
    const unique = [...new Set(itemIds)];
    if (unique.length === 0) return;
    await this.session.transaction("set item eligibility", async (sql) => {
      for (const ids of chunks(unique, IN_LIST_CHUNK)) {
        await sql.run("UPDATE items SET eligible = ? WHERE item_id IN (?)", [eligible, ids]);
      }
    });
  }

  /** The eligible subset of `itemIds`, one IN list per chunk of ids on one connection. */
  async eligibleAmong(itemIds: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(itemIds)];
    if (unique.length === 0) return new Set();
    return this.session.connected("read item eligibility", async (sql) => {
      const eligible = new Set<string>();
      for (const ids of chunks(unique, IN_LIST_CHUNK)) {
        const rows = await sql.rows<{ item_id: string }>(
          "SELECT item_id FROM items WHERE eligible = TRUE AND item_id IN (?)",
          [ids],
        );
        for (const row of rows) eligible.add(row.item_id);
      }
      return eligible;
    });
  }
}

async function upsertBatch(sql: SqlRunner, items: readonly ItemRecord[]): Promise<void> {
  // VALUES(col) rather than MySQL's row alias: MariaDB only knows VALUES().
  await sql.run(
    `INSERT INTO items (item_id, title, year, eligible) VALUES ?
     ON DUPLICATE KEY UPDATE title = VALUES(title), year = VALUES(year), eligible = VALUES(eligible)`,
    [items.map((item) => [item.itemId, item.title, item.year, item.eligible])],
  );
  const ids = items.map((item) => item.itemId);
  await sql.run("DELETE FROM item_genres WHERE item_id IN (?)", [ids]);
  const genreRows = items.flatMap((item) =>
    [...new Set(item.genres)].map((genre, position) => [item.itemId, genre, position]),
  );
  if (genreRows.length > 0) {
    await sql.run("INSERT INTO item_genres (item_id, genre, position) VALUES ?", [genreRows]);
  }
}

function assembleItems(itemIds: readonly string[], rows: readonly ItemGenreRow[]): (ItemRecord | null)[] {
  const byId = new Map<string, { row: ItemGenreRow; genres: string[] }>();
  for (const row of rows) {
    const entry = byId.get(row.item_id) ?? { row, genres: [] };
    if (row.genre !== null) entry.genres.push(row.genre);
    byId.set(row.item_id, entry);
  }
  return itemIds.map((id) => {
    const entry = byId.get(id);
    if (entry === undefined) return null;
    const { title, year, eligible } = entry.row;
    return { itemId: id, title, year, genres: entry.genres, eligible: eligible === 1 };
  });
}
