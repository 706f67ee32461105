import type { Clock } from "../../core/clock.ts";
import { checkLeaseInput } from "../../core/ports/checks/index.ts";
import type { MysqlSession, SqlRunner } from "./mysql-session.ts";

/**
 * The leases table: named locks with one holder until `expires_at` on the store's clock.
 *
 * Acquiring runs three autocommitted statements, each atomic on its own, rather than one transaction: under
 * REPEATABLE READ an UPDATE of a missing row takes a gap lock, and two holders racing for a new name would then
 * deadlock on their INSERTs.
 */
export class LeaseTable {
  constructor(
    private readonly session: MysqlSession,
    private readonly clock: Clock,
  ) {}

  /** Take or renew the lease for `ttlMs`; true when `holder` holds it afterwards. */
  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    checkLeaseInput(name, holder, ttlMs);
    return this.session.connected(`acquire lease ${name}`, (sql) => this.take(sql, name, holder, ttlMs));
  }

  /** Give the lease up if `holder` holds it. */
  async release(name: string, holder: string): Promise<void> {
    checkLeaseInput(name, holder);
    await this.session.connected(`release lease ${name}`, (sql) =>
      sql.run("DELETE FROM leases WHERE name = ? AND holder = ?", [name, holder]),
    );
  }

  private async take(sql: SqlRunner, name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const expiresAt = now + ttlMs;
    const renewed = await sql.run(
      "UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND (expires_at <= ? OR holder = ?)",
      [holder, expiresAt, name, now, holder],
    );
    if (renewed.affectedRows > 0) return true;
    // Inputs are checked above, so IGNORE can only skip the duplicate key of a lease someone holds.
    const inserted = await sql.run("INSERT IGNORE INTO leases (name, holder, expires_at) VALUES (?, ?, ?)", [
      name,
      holder,
      expiresAt,
    ]);
    if (inserted.affectedRows > 0) return true;
    // Without CLIENT_FOUND_ROWS a renewal that changed nothing (same holder, same instant) reports 0 rows, so look.
    const [row] = await sql.rows<{ holder: string; expires_at: number | string }>(
      "SELECT holder, expires_at FROM leases WHERE name = ?",
      [name],
    );
    return row !== undefined && row.holder === holder && Number(row.expires_at) > now;
  }
}
