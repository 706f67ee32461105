import { createConnection } from "mysql2/promise";
import type { ContractHarness } from "../../core/ports/contracts/harness.ts";
import {
  createMysqlControlStore,
  type MysqlControlStore,
  type MysqlControlStoreOptions,
} from "./mysql-control-store.ts";
import { parseMysqlUrl, withDatabase } from "./mysql-url.ts";

/** Drop the database the URL names (test cleanup). */
export async function dropDatabase(url: string): Promise<void> {
  const { database, ...server } = parseMysqlUrl(url);
  const connection = await createConnection({ ...server, connectTimeout: 5000 });
  try {
    await connection.query({ sql: `DROP DATABASE IF EXISTS \`${database}\``, timeout: 30_000 });
  } finally {
    await connection.end();
  }
}

export interface MysqlHarness extends ContractHarness<MysqlControlStore> {
  /** The test database's URL; every store the harness creates uses it. */
  readonly url: string;
}

/**
 * A contract harness over database `database` on the server of `endpointUrl`: each create() is a new store (new pool),
 * advance() really waits, cleanup() closes every store and drops the database.
 */
export function mysqlHarness(
  endpointUrl: string,
  database: string,
  options: Omit<MysqlControlStoreOptions, "url"> = {},
): MysqlHarness {
  const url = withDatabase(endpointUrl, database);
  const opened: MysqlControlStore[] = [];
  return {
    url,
    async create() {
      const store = await createMysqlControlStore({}, { ...options, url });
      opened.push(store);
      return store;
    },
    async advance(ms) {
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    async cleanup() {
      for (const store of opened) await store.close();
      await dropDatabase(url);
    },
  };
}
