/** Path of the reference route, the HTTP ceiling of bench/online.bench.ts. */
export const REFERENCE_PATH = "/api/v1/reference";
/** Size of its JSON body: about a 10-item recommendation answer. */
export const REFERENCE_BODY_BYTES = 2048;

/** A recommendation-shaped object padded so its JSON is exactly `bytes` long. */
export function referenceBody(bytes: number): Record<string, unknown> {
  const items = Array.from({ length: 10 }, (_, i) => ({
    itemId: String(1000 + i),
    title: `Reference Movie ${i} (1999)`,
    year: 1999,
    genres: ["Comedy", "Drama"],
    score: 0.5 + i / 100,
    channels: ["item2vec", "popularity"],
  }));
  const body = { userId: "1", k: 10, degraded: false, items, padding: "" };
  const missing = bytes - JSON.stringify(body).length;
  if (missing < 0) throw new Error(`the reference body is already longer than ${bytes} bytes`);
  body.padding = "x".repeat(missing);
  return body;
}
