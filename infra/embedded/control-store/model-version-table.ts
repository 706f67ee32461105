import type { Database, Statement } from "better-sqlite3";
import type { Clock } from "../../../core/clock.ts";
import { neverStaged } from "../../../core/ports/checks/index.ts";
import type { ModelVersion, VersionStatus } from "../../../core/ports/control-store.ts";
import { guard } from "../sqlite/index.ts";

interface VersionRow {
  kind: string;
  version: string;
  status: VersionStatus;
  activated_at: number | null;
}

/** The model_versions table; a version's `active` status is its kind's serving pointer. */
export class ModelVersionTable {
  private readonly insertStaged: Statement<[string, string, number]>;
  private readonly selectActive: Statement<[string], string>;
  private readonly selectAllActive: Statement<[], { kind: string; version: string }>;
  private readonly selectKind: Statement<[string], VersionRow>;
  private readonly switchAll: (pointers: readonly (readonly [string, string])[]) => void;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.insertStaged = db.prepare(
      "INSERT OR IGNORE INTO model_versions (kind, version, status, staged_at) VALUES (?, ?, 'staged', ?)",
    );
    this.selectActive = db
      .prepare<[string], string>("SELECT version FROM model_versions WHERE kind = ? AND status = 'active'")
      .pluck();
    this.selectAllActive = db.prepare("SELECT kind, version FROM model_versions WHERE status = 'active'");
    this.selectKind = db.prepare(
      `SELECT kind, version, status, activated_at FROM model_versions WHERE kind = ?
       ORDER BY staged_at DESC, version DESC`,
    );
    const isStaged = db
      .prepare<[string, string], number>("SELECT 1 FROM model_versions WHERE kind = ? AND version = ?")
      .pluck();
    const retire = db.prepare<[string]>(
      "UPDATE model_versions SET status = 'retired' WHERE kind = ? AND status = 'active'",
    );
    const activate = db.prepare<[number, string, string]>(
      "UPDATE model_versions SET status = 'active', activated_at = ? WHERE kind = ? AND version = ?",
    );
    const switchAll = db.transaction((pointers: readonly (readonly [string, string])[]) => {
      const unstaged = pointers.filter(([kind, version]) => isStaged.get(kind, version) === undefined);
      if (unstaged.length > 0) throw neverStaged(unstaged);
      const now = this.clock.now();
      for (const [kind, version] of pointers) {
        if (this.selectActive.get(kind) === version) continue;
        // Retire first: the unique index allows one active row per kind at every statement.
        retire.run(kind);
        activate.run(now, kind, version);
      }
    });
    // IMMEDIATE takes the write lock before the checks, so no other writer can slip in between check and switch.
    this.switchAll = (pointers) => switchAll.immediate(pointers);
  }

  /** Record a version as staged; a version already known keeps its status. */
  stage(kind: string, version: string): void {
    guard(`stage version ${kind}/${version}`, () => this.insertStaged.run(kind, version, this.clock.now()));
  }

  /** Point every listed kind at its version in one transaction; nothing changes if any version is unknown. */
  activate(pointers: Readonly<Record<string, string>>): void {
    const entries = Object.entries(pointers);
    if (entries.length === 0) return;
    guard("activate versions", () => this.switchAll(entries));
  }

  active(kind: string): string | null {
    return guard(`read active version of ${kind}`, () => this.selectActive.get(kind)) ?? null;
  }

  /** Every kind's active version from one statement, hence one snapshot. */
  allActive(): Record<string, string> {
    const rows = guard("read active versions", () => this.selectAllActive.all());
    return Object.fromEntries(rows.map((row) => [row.kind, row.version]));
  }

  /** A kind's versions, most recently staged first. */
  list(kind: string): ModelVersion[] {
    const rows = guard(`list versions of ${kind}`, () => this.selectKind.all(kind));
    return rows.map((row) => ({
      kind: row.kind,
      version: row.version,
      status: row.status,
      activatedAt: row.activated_at,
    }));
  }
}
