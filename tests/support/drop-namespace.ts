import cassandra from "cassandra-driver";
import mysql from "mysql2/promise";
import type { ServiceEndpoints } from "./service-types.ts";

/** Drops a test's Cassandra keyspace and MySQL database named after its namespace. */
export async function dropNamespace(
  namespace: string,
  cass: ServiceEndpoints["cassandra"] | undefined,
  my: ServiceEndpoints["mysql"] | undefined,
): Promise<void> {
  if (cass) {
    const client = new cassandra.Client({
      contactPoints: cass.contactPoints,
      localDataCenter: cass.localDataCenter,
    });
    await client.execute(`DROP KEYSPACE IF EXISTS ${namespace}`);
    await client.shutdown();
  }
  if (my) {
    const connection = await mysql.createConnection(my.url);
    await connection.query(`DROP DATABASE IF EXISTS \`${namespace}\``);
    await connection.end();
  }
}
