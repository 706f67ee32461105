import type { Hono } from "hono";
import { checkJsonContentType, type EventIngestor, ingestResponse, parseJsonText } from "../ingest/index.ts";

/** `POST /api/v1/events`: one event or `{ "events": [...] }`, answered after the log acknowledged. */
export const eventRoutes = (deps: { ingestor: EventIngestor }) => (app: Hono) => {
  app.post("/api/v1/events", async (c) => {
    checkJsonContentType(c.req.header("content-type"));
    const body = parseJsonText(await c.req.text());
    return ingestResponse(c, await deps.ingestor.ingest(body));
  });
};
