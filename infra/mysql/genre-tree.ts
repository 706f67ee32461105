import { checkNoSelfParent, unknownParents } from "../../core/ports/checks/index.ts";
import type { Genre } from "../../core/ports/control-store.ts";
import type { MysqlSession } from "./mysql-session.ts";
import { chunks, INSERT_CHUNK } from "./sql-chunks.ts";

const SELECT_ORPHANS = `SELECT g.name, g.parent FROM genres g LEFT JOIN genres p ON p.name = g.parent
  WHERE g.parent IS NOT NULL AND p.name IS NULL ORDER BY g.name`;

// UNION (not UNION ALL) drops names already visited, so even a cyclic hierarchy terminates.
const SELECT_SUBTREE = `WITH RECURSIVE subtree (name) AS (
    SELECT name FROM genres WHERE name = ?
    UNION
    SELECT g.name FROM genres g JOIN subtree s ON g.parent = s.name
  )
  SELECT name FROM subtree`;

/** The genres table: a hierarchy where each genre names its broader parent. */
export class GenreTree {
  constructor(private readonly session: MysqlSession) {}

  /** Insert or replace genres in one transaction; every parent must exist after the batch. */
  async upsert(genres: readonly Genre[]): Promise<void> {
    checkNoSelfParent(genres);
    if (genres.length === 0) return;
    await this.session.transaction("upsert genres", async (sql) => {
      for (const batch of chunks(genres, INSERT_CHUNK)) {
        await sql.run(
          "INSERT INTO genres (name, parent) VALUES ? ON DUPLICATE KEY UPDATE parent = VALUES(parent)",
          [batch.map((genre) => [genre.name, genre.parent])],
        );
      }
      // Checked after the whole batch, so a child may come before its parent in the list.
      const orphans = await sql.rows<Genre>(SELECT_ORPHANS);
      if (orphans.length > 0) throw unknownParents(orphans);
    });
  }

  /** Every genre, by name. */
  list(): Promise<Genre[]> {
    return this.session.rows<Genre>("list genres", "SELECT name, parent FROM genres ORDER BY name");
  }

  /** The genre and all genres below it; empty for an unknown genre. */
  async withDescendants(name: string): Promise<string[]> {
    const rows = await this.session.rows<{ name: string }>(`read genres under ${name}`, SELECT_SUBTREE, [
      name,
    ]);
    return rows.map((row) => row.name);
  }
}
