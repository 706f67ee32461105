import type { MysqlSession } from "./mysql-session.ts";

/** The switches table: named string flags operators flip at run time. */
export class SwitchTable {
  constructor(private readonly session: MysqlSession) {}

  async set(name: string, value: string): Promise<void> {
    await this.session.connected(`set switch ${name}`, (sql) =>
      sql.run(
        "INSERT INTO switches (name, `value`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `value` = VALUES(`value`)",
        [name, value],
      ),
    );
  }

  async get(name: string): Promise<string | null> {
    const [row] = await this.session.rows<{ value: string }>(
      `read switch ${name}`,
      "SELECT `value` FROM switches WHERE name = ?",
      [name],
    );
    return row?.value ?? null;
  }

  /** Every switch as a name → value record. */
  async list(): Promise<Record<string, string>> {
    const rows = await this.session.rows<{ name: string; value: string }>(
      "list switches",
      "SELECT name, `value` FROM switches ORDER BY name",
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }
}
