import type cassandra from "cassandra-driver";

type Row = cassandra.types.Row;

/**
 * Streams a query's rows page by page (`fetchSize` rows per round trip), so a scan never holds more than
 * one page in memory; the next page is fetched only when the consumer asks for more.
 */
export async function* pagedRows(
  client: cassandra.Client,
  query: string,
  params: readonly unknown[],
  options: { fetchSize: number; executionProfile: string },
): AsyncIterable<Row> {
  let pageState: string | undefined;
  do {
    const result = await client.execute(query, [...params], {
      prepare: true,
      isIdempotent: true,
      fetchSize: options.fetchSize,
      executionProfile: options.executionProfile,
      ...(pageState === undefined ? {} : { pageState }),
    });
    yield* result.rows;
    pageState = result.pageState ?? undefined;
  } while (pageState !== undefined);
}

/** Runs `work` on every item with at most `limit` in flight; rejects with the first failure. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A bigint/Long/number column as a JS number (counts fit easily). */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  return Number(String(value));
}
