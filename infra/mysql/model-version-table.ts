import type { Clock } from "../../core/clock.ts";
import { neverStaged } from "../../core/ports/checks/index.ts";
import type { ModelVersion, VersionStatus } from "../../core/ports/control-store.ts";
import type { MysqlSession, SqlRunner } from "./mysql-session.ts";

interface VersionRow {
  kind: string;
  version: string;
  status: VersionStatus;
  activated_at: number | null;
}

type Pointer = readonly [kind: string, version: string];

/** The model_versions table plus version_pointers, the per-kind serving pointer switched with it. */
export class ModelVersionTable {
  constructor(
    private readonly session: MysqlSession,
    private readonly clock: Clock,
  ) {}

  /** Record a version as staged; a version already known keeps its status. */
  async stage(kind: string, version: string): Promise<void> {
    // A no-op update rather than INSERT IGNORE, which would also turn bad values into warnings.
    await this.session.connected(`stage version ${kind}/${version}`, (sql) =>
      sql.run(
        `INSERT INTO model_versions (kind, version, status, staged_at) VALUES (?, ?, 'staged', ?)
         ON DUPLICATE KEY UPDATE kind = kind`,
        [kind, version, this.clock.now()],
      ),
    );
  }

  /** Point every listed kind at its version in one transaction; nothing changes if any version is unknown. */
  async activate(pointers: Readonly<Record<string, string>>): Promise<void> {
    // Sorted so concurrent switches lock rows in the same order.
    const entries = Object.entries(pointers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return;
    await this.session.transaction("activate versions", (sql) => this.switchAll(sql, entries));
  }

  async active(kind: string): Promise<string | null> {
    const [row] = await this.session.rows<{ version: string }>(
      `read active version of ${kind}`,
      "SELECT version FROM version_pointers WHERE kind = ?",
      [kind],
    );
    return row?.version ?? null;
  }

  /** Every kind's active version from one statement, hence one consistent InnoDB snapshot. */
  async allActive(): Promise<Record<string, string>> {
    const rows = await this.session.rows<{ kind: string; version: string }>(
      "read active versions",
      "SELECT kind, version FROM version_pointers",
    );
    return Object.fromEntries(rows.map((row) => [row.kind, row.version]));
  }

  /** A kind's versions, most recently staged first. */
  async list(kind: string): Promise<ModelVersion[]> {
    const rows = await this.session.rows<VersionRow>(
      `list versions of ${kind}`,
      `SELECT kind, version, status, activated_at FROM model_versions WHERE kind = ?
       ORDER BY staged_at DESC, version DESC`,
      [kind],
    );
    return rows.map((row) => ({
      kind: row.kind,
      version: row.version,
      status: row.status,
      activatedAt: row.activated_at === null ? null : Number(row.activated_at),
    }));
  }

  private async switchAll(sql: SqlRunner, pointers: readonly Pointer[]): Promise<void> {
    const kinds = pointers.map(([kind]) => kind);
    // Locks every version row of the involved kinds until commit: concurrent switches of a kind queue up here.
    const rows = await sql.rows<VersionRow>(
      "SELECT kind, version, status FROM model_versions WHERE kind IN (?) ORDER BY kind, version FOR UPDATE",
      [kinds],
    );
    const known = new Map(rows.map((row) => [`${row.kind}\u0000${row.version}`, row.status]));
    const unstaged = pointers.filter(([kind, version]) => !known.has(`${kind}\u0000${version}`));
    if (unstaged.length > 0) throw neverStaged(unstaged);
    const now = this.clock.now();
    for (const [kind, version] of pointers) {
      if (known.get(`${kind}\u0000${version}`) === "active") continue;
      await sql.run("UPDATE model_versions SET status = 'retired' WHERE kind = ? AND status = 'active'", [
        kind,
      ]);
      await sql.run(
        "UPDATE model_versions SET status = 'active', activated_at = ? WHERE kind = ? AND version = ?",
        [now, kind, version],
      );
    }
    await sql.run(
      "INSERT INTO version_pointers (kind, version) VALUES ? ON DUPLICATE KEY UPDATE version = VALUES(version)",
      [pointers.map(([kind, version]) => [kind, version])],
    );
  }
}
