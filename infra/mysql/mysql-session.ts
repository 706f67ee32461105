import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from "mysql2/promise";
import { UnavailableError } from "../../core/errors.ts";
import { breaksConnection, mysqlFailure } from "./mysql-errors.ts";

/** Statements on one borrowed connection, each bounded by the per-query timeout. */
export interface SqlRunner {
  rows<T>(sql: string, values?: readonly unknown[]): Promise<T[]>;
  run(sql: string, values?: readonly unknown[]): Promise<ResultSetHeader>;
}

export interface SessionTimeouts {
  /** Longest wait for a pooled connection (the pool itself has no acquire timeout). */
  readonly acquireMs: number;
  /** Longest wait for one statement's answer. */
  readonly queryMs: number;
}

/** A deadlock is resolved by the server rolling one side back; running the transaction again is safe. */
const DEADLOCK_ATTEMPTS = 3;

/** Borrows pooled connections with a deadline, and throws away any connection whose state is unknown. */
export class MysqlSession {
  constructor(
    private readonly pool: Pool,
    private readonly timeouts: SessionTimeouts,
  ) {}

  /** Run `work` on one connection outside a transaction (each statement is its own consistent read). */
  async connected<T>(action: string, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    const connection = await this.acquire(action);
    try {
      const result = await work(this.runner(connection));
      connection.release();
      return result;
    } catch (error) {
      this.giveBack(connection, error);
      throw mysqlFailure(action, error);
    }
  }

  /** Run `work` in one transaction: committed if it resolves, rolled back if it throws; retried on deadlock. */
  async transaction<T>(action: string, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.connected(action, (sql) => this.inTransaction(sql, work));
      } catch (error) {
        const code = (error as { cause?: { code?: unknown } }).cause?.code;
        if (code !== "ER_LOCK_DEADLOCK" || attempt >= DEADLOCK_ATTEMPTS) throw error;
      }
    }
  }

  /** One statement on any pooled connection. */
  rows<T>(action: string, sql: string, values: readonly unknown[] = []): Promise<T[]> {
    return this.connected(action, (runner) => runner.rows<T>(sql, values));
  }

  private async inTransaction<T>(sql: SqlRunner, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    await sql.run("START TRANSACTION");
    try {
      const result = await work(sql);
      await sql.run("COMMIT");
      return result;
    } catch (error) {
      // A broken connection is destroyed by the caller, which makes the server roll back.
      if (breaksConnection(error)) throw error;
      await sql.run("ROLLBACK").catch((rollbackFailure: unknown) => {
        // The transaction state is unknown: mark the failure fatal so the connection is destroyed.
        throw Object.assign(rollbackFailure as object, { fatal: true });
      });
      throw error;
    }
  }

  private runner(connection: PoolConnection): SqlRunner {
    const timeout = this.timeouts.queryMs;
    return {
      rows: async <T>(sql: string, values: readonly unknown[] = []) => {
        const [rows] = await connection.query<RowDataPacket[]>({ sql, values: [...values], timeout });
        return rows as T[];
      },
      run: async (sql: string, values: readonly unknown[] = []) => {
        const [header] = await connection.query<ResultSetHeader>({ sql, values: [...values], timeout });
        return header;
      },
    };
  }

  /** A connection after a timeout or a network error may still be mid-answer: never reuse it. */
  private giveBack(connection: PoolConnection, error: unknown): void {
    if (breaksConnection(error)) connection.destroy();
    else connection.release();
  }

  private async acquire(action: string): Promise<PoolConnection> {
    const pending = this.pool.getConnection();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new UnavailableError(
            `MySQL store could not ${action}: no connection within ${this.timeouts.acquireMs} ms`,
          ),
        );
      }, this.timeouts.acquireMs);
    });
    try {
      return await Promise.race([pending, deadline]);
    } catch (error) {
      // A connection that arrives after the deadline goes straight back to the pool.
      pending.then(
        (late) => late.release(),
        () => {},
      );
      throw mysqlFailure(action, error);
    } finally {
      clearTimeout(timer);
    }
  }
}
