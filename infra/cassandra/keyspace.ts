import type cassandra from "cassandra-driver";
import { ConfigError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { ResolvedCassandraOptions } from "./options.ts";

/** Nodes that can hold replicas: the whole cluster for SimpleStrategy, the local data centre otherwise. */
async function replicaNodes(client: cassandra.Client, options: ResolvedCassandraOptions): Promise<number> {
  const local = (await client.execute("SELECT data_center FROM system.local")).first();
  const peers = (await client.execute("SELECT data_center FROM system.peers")).rows;
  const all = [local, ...peers].filter((row) => row !== null);
  if (options.replication.strategy === "SimpleStrategy") return all.length;
  return all.filter((row) => row.data_center === options.localDataCenter).length;
}

/** The CQL replication map for the configured strategy and factor. */
function replicationMap(options: ResolvedCassandraOptions): string {
  const { strategy, factor } = options.replication;
  if (strategy === "SimpleStrategy") return `{'class': 'SimpleStrategy', 'replication_factor': ${factor}}`;
  const dc = options.localDataCenter.replaceAll("'", "''");
  return `{'class': 'NetworkTopologyStrategy', '${dc}': ${factor}}`;
}

/**
 * Fails at start-up when the replication factor exceeds the nodes that can hold replicas (every quorum
 * write would then fail later), then creates the keyspace if it is missing.
 */
export async function ensureKeyspace(
  client: cassandra.Client,
  options: ResolvedCassandraOptions,
  logger: Logger,
): Promise<void> {
  const nodes = await replicaNodes(client, options);
  const { factor, strategy } = options.replication;
  if (factor > nodes) {
    const where = strategy === "SimpleStrategy" ? "the cluster" : `data centre ${options.localDataCenter}`;
    throw new ConfigError(
      `replication factor ${factor} is larger than the ${nodes} node(s) in ${where}: ` +
        `LOCAL_QUORUM needs ${Math.floor(factor / 2) + 1} replicas, so every write would fail; ` +
        `lower replication.factor to at most ${nodes} or add nodes`,
      "replication.factor",
    );
  }
  await client.execute(
    `CREATE KEYSPACE IF NOT EXISTS ${options.keyspace} WITH replication = ${replicationMap(options)}`,
  );
  logger.debug("keyspace ready", { keyspace: options.keyspace, strategy, factor, nodes });
}
