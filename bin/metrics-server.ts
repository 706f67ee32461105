import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the registry in Prometheus text format on `GET /metrics`. */
export function startMetricsServer(
  registry: Registry,
  options: { host: string; port: number },
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/metrics") {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ title: "not found", detail: "metrics are served on GET /metrics" }));
      return;
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { "content-type": registry.contentType });
        response.end(text);
      },
      (error: Error) => {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(error.message);
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `metrics port ${options.port} is in use: set RECSYS_NEARLINE_METRICS_PORT (0 picks a free one)`
            : `cannot serve metrics: ${error.message}`,
        ),
      ),
    );
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host}:${port}/metrics`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
