import type { Database, Statement } from "better-sqlite3";
import { checkNoSelfParent, unknownParents } from "../../../core/ports/checks/index.ts";
import type { Genre } from "../../../core/ports/control-store.ts";
import { guard } from "../sqlite/index.ts";

/** The genres table: a hierarchy where each genre names its broader parent. */
export class GenreTree {
  private readonly upsertAll: (genres: readonly Genre[]) => void;
  private readonly selectAll: Statement<[], Genre>;
  private readonly selectSubtree: Statement<[string], string>;

  constructor(db: Database) {
    const upsertGenre = db.prepare<[string, string | null]>(
      "INSERT INTO genres (name, parent) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET parent = excluded.parent",
    );
    const selectOrphans = db.prepare<[], Genre>(
      "SELECT name, parent FROM genres WHERE parent IS NOT NULL AND parent NOT IN (SELECT name FROM genres)",
    );
    this.upsertAll = db.transaction((genres: readonly Genre[]) => {
      for (const genre of genres) upsertGenre.run(genre.name, genre.parent);
      // Checked after the whole batch, so a child may come before its parent in the list.
      const orphans = selectOrphans.all();
      if (orphans.length > 0) throw unknownParents(orphans);
    });
    this.selectAll = db.prepare("SELECT name, parent FROM genres ORDER BY name");
    // UNION (not UNION ALL) drops names already visited, so even a cyclic hierarchy terminates.
    this.selectSubtree = db
      .prepare<[string], string>(
        `WITH RECURSIVE subtree (name) AS (
           SELECT name FROM genres WHERE name = ?
           UNION
           SELECT g.name FROM genres g JOIN subtree s ON g.parent = s.name
         )
         SELECT name FROM subtree`,
      )
      .pluck();
  }

  /** Insert or replace genres in one transaction; every parent must exist after the batch. */
  upsert(genres: readonly Genre[]): void {
    checkNoSelfParent(genres);
    guard("upsert genres", () => this.upsertAll(genres));
  }

  /** Every genre, by name. */
  list(): Genre[] {
    return guard("list genres", () => this.selectAll.all());
  }

  /** The genre and all genres below it; empty for an unknown genre. */
  withDescendants(name: string): string[] {
    return guard(`read genres under ${name}`, () => this.selectSubtree.all(name));
  }
}
