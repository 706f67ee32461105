import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { StarlingError } from "../core/errors.ts";

export interface RunningServer {
  readonly url: string;
  /** Stop accepting connections and wait for in-flight requests to finish. */
  close(): Promise<void>;
}

/** Starts the Hono app on Node's HTTP server with bounded header and request times. */
export function startServer(app: Hono, options: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              if ("closeIdleConnections" in server) server.closeIdleConnections();
            }),
        });
      },
    );
    // Slow or stalled clients must not hold sockets forever.
    (server as Server).headersTimeout = 10_000;
    (server as Server).requestTimeout = 30_000;
    server.once("error", (error: NodeJS.ErrnoException) => {
      const inUse = error.code === "EADDRINUSE";
      const message = inUse
        ? `${options.host}:${options.port} is already in use: stop the other server or set RECSYS_HTTP_PORT`
        : `cannot listen on ${options.host}:${options.port}: ${error.message}`;
      reject(new StarlingError(message, { code: "listen_failed", cause: error }));
    });
  });
}
