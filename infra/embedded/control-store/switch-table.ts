import type { Database, Statement } from "better-sqlite3";
import { guard } from "../sqlite/index.ts";

/** The switches table: named string flags operators flip at run time. */
export class SwitchTable {
  private readonly upsert: Statement<[string, string]>;
  private readonly selectOne: Statement<[string], string>;
  private readonly selectAll: Statement<[], { name: string; value: string }>;

  constructor(db: Database) {
    this.upsert = db.prepare(
      "INSERT INTO switches (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    );
    this.selectOne = db.prepare<[string], string>("SELECT value FROM switches WHERE name = ?").pluck();
    this.selectAll = db.prepare("SELECT name, value FROM switches ORDER BY name");
  }

  set(name: string, value: string): void {
    guard(`set switch ${name}`, () => this.upsert.run(name, value));
  }

  get(name: string): string | null {
    return guard(`read switch ${name}`, () => this.selectOne.get(name)) ?? null;
  }

  /** Every switch as a name → value record. */
  list(): Record<string, string> {
    const rows = guard("list switches", () => this.selectAll.all());
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }
}
