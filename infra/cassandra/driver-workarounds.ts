import type cassandra from "cassandra-driver";

/*
 * Two leaks of cassandra-driver 4.10 seen when every node goes away and comes back (fault C1):
 * - When the control connection reconnects from scratch it builds new Host objects and replaces the old ones in
 *   `client.hosts` without shutting them down; the old host's pool keeps its reconnection timer, later opens a
 *   connection nobody uses or closes (one leaked socket per outage, and a process that never exits).
 * - A control-connection reconnect in flight during `shutdown()` finishes afterwards and keeps its socket open.
 * Both are patched from outside through the driver's events, without touching its internals' state.
 */

interface ShutdownableHost {
  shutdown(waitForPending: boolean): Promise<void>;
}
interface HostMapEvents {
  on(event: "remove", listener: (host: ShutdownableHost) => void): void;
}
interface ControlConnectionEvents {
  on(event: "newConnection", listener: (error: unknown, connection?: { close(): void }) => void): void;
}

/** Shuts down every Host the driver drops from its map, so a replaced host's pool stops reconnecting. */
export function shutDownReplacedHosts(client: cassandra.Client): void {
  (client.hosts as unknown as HostMapEvents).on("remove", (host) => {
    host.shutdown(false).catch(() => undefined);
  });
}

/** `client.shutdown()`, closing any control connection that appears once shutdown began. */
export async function shutdownClient(client: cassandra.Client): Promise<void> {
  const control = (client as unknown as { controlConnection?: ControlConnectionEvents }).controlConnection;
  control?.on("newConnection", (error, connection) => {
    if (!error) connection?.close();
  });
  await client.shutdown();
}
