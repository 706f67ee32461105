import cassandra from "cassandra-driver";
import { shutDownReplacedHosts } from "./driver-workarounds.ts";
import type { ResolvedCassandraOptions } from "./options.ts";

const { consistencies } = cassandra.types;

/** Execution profile names: `online` answers fast or fails, `offline` is patient but bounded. */
export const ONLINE = "online";
export const OFFLINE = "offline";

/**
 * A driver client with the settings that matter for failures: short online / bounded offline read timeouts,
 * LOCAL_QUORUM (LOCAL_SERIAL for lightweight transactions), and reconnection back-off capped at
 * `reconnectMaxMs` (the driver's default can reach 10 minutes).
 */
export function createDriverClient(options: ResolvedCassandraOptions, keyspace?: string): cassandra.Client {
  const profile = (name: string, readTimeout: number) =>
    new cassandra.ExecutionProfile(name, {
      consistency: consistencies.localQuorum,
      serialConsistency: consistencies.localSerial,
      readTimeout,
    });
  const client = new cassandra.Client({
    contactPoints: [...options.contactPoints],
    localDataCenter: options.localDataCenter,
    ...(keyspace === undefined ? {} : { keyspace }),
    ...(options.credentials === undefined
      ? {}
      : {
          authProvider: new cassandra.auth.PlainTextAuthProvider(
            options.credentials.username,
            options.credentials.password,
          ),
        }),
    profiles: [
      profile("default", options.offlineTimeoutMs),
      profile(ONLINE, options.onlineTimeoutMs),
      profile(OFFLINE, options.offlineTimeoutMs),
    ],
    policies: {
      reconnection: new cassandra.policies.reconnection.ExponentialReconnectionPolicy(
        options.reconnectBaseMs,
        options.reconnectMaxMs,
        false,
      ),
    },
    socketOptions: { connectTimeout: 5000, readTimeout: options.offlineTimeoutMs },
    // Every statement this adapter runs is prepared; idempotence is still set per call, where it is decided.
    queryOptions: { prepare: true },
  });
  shutDownReplacedHosts(client);
  return client;
}
