import type { Database, Statement } from "better-sqlite3";
import type { Clock } from "../../../core/clock.ts";
import { checkLeaseInput } from "../../../core/ports/checks/index.ts";
import { guard } from "../sqlite/index.ts";

/** The leases table: named locks with one holder until `expires_at` on the store's clock. */
export class LeaseTable {
  private readonly take: (name: string, holder: string, ttlMs: number) => boolean;
  private readonly remove: Statement<[string, string]>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    const renewOrSteal = db.prepare<[string, number, string, number, string]>(
      "UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND (expires_at <= ? OR holder = ?)",
    );
    const insertFree = db.prepare<[string, string, number]>(
      "INSERT OR IGNORE INTO leases (name, holder, expires_at) VALUES (?, ?, ?)",
    );
    const take = db.transaction((name: string, holder: string, ttlMs: number) => {
      // Read the clock under the write lock: time spent waiting for it must not count against the lease.
      const now = this.clock.now();
      const expiresAt = now + ttlMs;
      // SQLite counts every row an UPDATE matched, changed or not, so a same-instant renewal still reports 1.
      if (renewOrSteal.run(holder, expiresAt, name, now, holder).changes > 0) return true;
      return insertFree.run(name, holder, expiresAt).changes > 0;
    });
    // IMMEDIATE takes the write lock first, so another process cannot read the same expired row in between.
    this.take = (name, holder, ttlMs) => take.immediate(name, holder, ttlMs);
    this.remove = db.prepare("DELETE FROM leases WHERE name = ? AND holder = ?");
  }

  /** Take or renew the lease for `ttlMs`; true when `holder` holds it afterwards. */
  acquire(name: string, holder: string, ttlMs: number): boolean {
    checkLeaseInput(name, holder, ttlMs);
    return guard(`acquire lease ${name}`, () => this.take(name, holder, ttlMs));
  }

  /** Give the lease up if `holder` holds it. */
  release(name: string, holder: string): void {
    checkLeaseInput(name, holder);
    guard(`release lease ${name}`, () => this.remove.run(name, holder));
  }
}
