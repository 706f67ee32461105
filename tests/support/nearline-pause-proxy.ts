import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";

/** A TCP relay to one server that can hold every byte in both directions for a while. */
export interface PauseProxy {
  /** The target URL with the proxy's host and port. */
  readonly url: string;
  /** Holds all traffic for `ms` (connections stay open, as with a paused server), then delivers it in order. */
  pause(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Relays `targetUrl`'s host and port. While paused, chunks are queued rather than written, so the client sees a
 * server that accepts bytes and answers nothing: what `kill -STOP` or `DEBUG SLEEP` look like from outside,
 * without stopping a Redis that other tests share.
 */
export async function startPauseProxy(targetUrl: string): Promise<PauseProxy> {
  const target = new URL(targetUrl);
  let held: (() => void)[] | null = null;
  const sockets = new Set<Socket>();
  const relay = (from: Socket, to: Socket) => {
    from.on("data", (chunk: Buffer) => {
      if (held) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
    from.on("close", () => to.destroy());
    from.on("error", () => to.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    relay(client, upstream);
    relay(upstream, client);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = new URL(targetUrl);
  url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: url.toString(),
    async pause(ms) {
      held = [];
      await new Promise((resolve) => setTimeout(resolve, ms));
      const queued = held;
      held = null;
      for (const write of queued) write();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
