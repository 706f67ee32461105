/** The `rating` of a stored rating event's JSON body, or null when the body has none (corrupt or another type). */
export function ratingOfEventBody(body: string): number | null {
  try {
    const value = (JSON.parse(body) as { rating?: unknown }).rating;
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}
