export {
  createEventIngestor,
  type EventIngestor,
  type EventIngestorDeps,
  type EventIngestorOptions,
} from "./event-ingestor.ts";
export type { EventResult, IngestOutcome } from "./ingest-outcome.ts";
export { ingestResponse } from "./ingest-response.ts";
export { checkJsonContentType, parseJsonText } from "./parse-ingest-body.ts";
