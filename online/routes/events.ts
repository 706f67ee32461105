import type { Hono } from "hono";
import { checkJsonContentType, type EventIngestor, ingestResponse, parseJsonText } from "../ingest/index.ts";

/** `POST /api/v1/events`: one event or `{ "events": [...] }`, answered after the log acknowledged. */
export const eventRoutes =
  (deps: { ingestor: EventIngestor; onIngested?: (userIds: ReadonlySet<string>) => void }) => (app: Hono) => {
    app.post("/api/v1/events", async (c) => {
      checkJsonContentType(c.req.header("content-type"));
      const body = parseJsonText(await c.req.text());
      const outcome = await deps.ingestor.ingest(body);
      if (outcome.accepted > 0) deps.onIngested?.(userIdsIn(body));
      return ingestResponse(c, outcome);
    });
  };

/** The user ids a request body names (valid or not): whose cached answers this process should forget. */
function userIdsIn(body: unknown): Set<string> {
  const events = (body as { events?: unknown })?.events;
  const list = Array.isArray(events) ? events : [body];
  const ids = new Set<string>();
  for (const event of list) {
    const userId = (event as { userId?: unknown })?.userId;
    if (typeof userId === "string") ids.add(userId);
  }
  return ids;
}
