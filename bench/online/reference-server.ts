/**
 * The HTTP ceiling of bench/online.bench.ts: a bare Hono app on the same @hono/node-server as `recsys online`,
 * one route returning a fixed 2 KB JSON body, serialised per request as a real route does.
 *   node --import tsx bench/online/reference-server.ts <port> [workers]
 * With workers > 1 it forks that many processes sharing the port through node:cluster, as
 * `recsys online --workers N` does, so the two are compared on equal terms. Prints "listening on <url>" per
 * serving process; exits when its stdin closes (the benchmark that started it went away) or on SIGTERM.
 */
import cluster from "node:cluster";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { REFERENCE_BODY_BYTES, REFERENCE_PATH, referenceBody } from "./reference-body.ts";

function serveReference(port: number): void {
  const body = referenceBody(REFERENCE_BODY_BYTES);
  const app = new Hono();
  app.get(REFERENCE_PATH, (c) => c.json(body));
  serve({ fetch: app.fetch, hostname: "127.0.0.1", port }, (info) => {
    process.stdout.write(`listening on http://127.0.0.1:${info.port}${REFERENCE_PATH}\n`);
  });
}

const port = Number(process.argv[2]);
const workers = Number(process.argv[3] ?? "1");
if (!Number.isInteger(port) || port < 1 || !Number.isInteger(workers) || workers < 1) {
  throw new Error("usage: reference-server.ts <port> [workers]");
}
process.once("SIGTERM", () => process.exit(0));
if (cluster.isPrimary) {
  process.stdin.resume();
  process.stdin.once("end", () => process.exit(0));
}
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  serveReference(port);
}
