import cassandra from "cassandra-driver";

/** What a CQL answer from system.local tells the launcher. */
export interface CqlProbe {
  readonly releaseVersion: string;
  readonly localDataCenter: string;
}

/**
 * Asks the node at 127.0.0.1:`port` for its release version and data centre over CQL; null when it does
 * not answer yet. A probe client never retries for long: the caller polls.
 */
export async function probeCql(port: number, timeoutMs = 3000): Promise<CqlProbe | null> {
  const client = new cassandra.Client({
    contactPoints: [`127.0.0.1:${port}`],
    socketOptions: { connectTimeout: timeoutMs, readTimeout: timeoutMs },
    pooling: { warmup: false },
    policies: {
      // The data centre is unknown until the node answers, so the probe cannot use a DC-aware policy.
      loadBalancing: new cassandra.policies.loadBalancing.RoundRobinPolicy(),
      reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(timeoutMs),
    },
  });
  try {
    await client.connect();
    const result = await client.execute("SELECT release_version, data_center FROM system.local");
    const row = result.first();
    if (row === null) return null;
    return { releaseVersion: String(row.release_version), localDataCenter: String(row.data_center) };
  } catch {
    return null;
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}
