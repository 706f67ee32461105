/**
 * Section job of bench/stores.bench.ts: CassandraBulkStore appends and reads against the driver used
 * directly (plain prepared inserts; the adapter's own statements; the same read queries; a table scan).
 */
import { createCassandraBulkStore } from "../../infra/cassandra/index.ts";
import { pollUntil } from "../../infra/local/process-control.ts";
import { alternate, secondsSince } from "./alternate.ts";
import { createRawTables, rawCassandraClient } from "./cassandra-raw.ts";
import { type CassandraParams, readSides, type Timed, WARM_UP_SHARE, writeSides } from "./cassandra-sides.ts";
import { endpointOf, randomSuffix } from "./endpoints.ts";
import { emit, failedResult, jobParams, progress, ratios, type Series } from "./section-result.ts";

/** How long cleanup keeps trying to drop the keyspace. */
const DROP_RETRY_MS = 90_000;

const rates = (runs: Timed[] | undefined) => (runs ?? []).map((r) => r.rows / r.seconds);

function series(
  writes: Record<string, Timed[]>,
  reads: Record<string, Timed[]>,
  params: CassandraParams,
): Series[] {
  const ours = rates(writes.appendEvents);
  const plain = rates(writes["raw plain inserts"]);
  const like = rates(writes["raw adapter statements"]);
  const userOurs = rates(reads["readEvents({userId})"]);
  const userRaw = rates(reads["raw same queries per user"]);
  const scanOurs = rates(reads["readEvents()"]);
  const scanRawRates = rates(reads["raw table scan"]);
  const w = `batches of ${params.batch}, ${params.concurrency} in flight`;
  return [
    { measure: `Cassandra appendEvents (${w})`, unit: "rows/s", values: ours },
    { measure: "Cassandra raw driver, plain prepared INSERT", unit: "rows/s", values: plain },
    { measure: "Cassandra appendEvents / plain INSERT", unit: "ratio", values: ratios(ours, plain) },
    {
      measure: "Cassandra raw driver, adapter's statements (LWT claim + 2 INSERTs)",
      unit: "rows/s",
      values: like,
    },
    { measure: "Cassandra appendEvents / adapter's statements", unit: "ratio", values: ratios(ours, like) },
    {
      measure: `Cassandra readEvents({userId}), ${params.readUsers} users`,
      unit: "rows/s",
      values: userOurs,
    },
    { measure: "Cassandra raw driver, same per-user queries", unit: "rows/s", values: userRaw },
    { measure: "Cassandra readEvents({userId}) / raw", unit: "ratio", values: ratios(userOurs, userRaw) },
    { measure: "Cassandra readEvents() full", unit: "rows/s", values: scanOurs },
    { measure: "Cassandra raw driver, paged table scan", unit: "rows/s", values: scanRawRates },
    { measure: "Cassandra readEvents() / table scan", unit: "ratio", values: ratios(scanOurs, scanRawRates) },
  ];
}

async function measure(
  endpoint: { contactPoints: string[]; localDataCenter: string },
  keyspace: string,
  params: CassandraParams,
  notes: string[],
) {
  const setupStarted = performance.now();
  const store = await createCassandraBulkStore({}, { ...endpoint, keyspace });
  const setupSeconds = secondsSince(setupStarted);
  const raw = rawCassandraClient(endpoint.contactPoints, endpoint.localDataCenter, keyspace);
  try {
    await createRawTables(raw);
    const writes = await alternate("cassandra writes", params.runs, writeSides(store, raw, params));
    const total = Math.ceil(params.events / WARM_UP_SHARE) + params.events * params.runs;
    const reads = await alternate("cassandra reads", params.runs, readSides(store, raw, params, total));
    const scanned = [...(reads["readEvents()"] ?? []), ...(reads["raw table scan"] ?? [])].map((r) => r.rows);
    if (scanned.some((rows) => rows !== total))
      notes.push(`full reads returned ${scanned.join(", ")} rows, expected ${total}`);
    return {
      series: series(writes, reads, params),
      details: { keyspace, setupSeconds, rowsStored: total, writes, reads },
    };
  } finally {
    await store.close();
    await raw.shutdown();
  }
}

/** Drops the bench keyspace, retrying for a while: a test may be restarting the shared node right now. */
async function dropKeyspace(
  endpoint: { contactPoints: string[]; localDataCenter: string },
  keyspace: string,
) {
  let lastError = "";
  const dropped = await pollUntil(
    async () => {
      const client = rawCassandraClient(endpoint.contactPoints, endpoint.localDataCenter, "system");
      try {
        await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
        return true;
      } catch (error) {
        lastError = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
        return false;
      } finally {
        await client.shutdown().catch(() => undefined);
      }
    },
    DROP_RETRY_MS,
    2000,
  );
  return dropped ? "dropped" : `NOT dropped after ${DROP_RETRY_MS / 1000} s (${lastError}): drop it by hand`;
}

async function main(): Promise<void> {
  const params = jobParams<CassandraParams>();
  const endpoint = await endpointOf("cassandra");
  if (typeof endpoint === "string") {
    emit({ section: "cassandra", series: [], notes: [`Cassandra rows missing: ${endpoint}`], details: {} });
    return;
  }
  const keyspace = `bench_stores_${randomSuffix()}`;
  progress(
    `cassandra at ${endpoint.contactPoints.join(",")} (${endpoint.localDataCenter}), keyspace ${keyspace}`,
  );
  const notes: string[] = [];
  try {
    const { series, details } = await measure(endpoint, keyspace, params, notes);
    emit({
      section: "cassandra",
      series,
      notes,
      details: { ...details, contactPoints: endpoint.contactPoints },
    });
  } catch (error) {
    emit(failedResult("cassandra", "Cassandra", error, notes));
  } finally {
    const outcome = await dropKeyspace(endpoint, keyspace);
    progress(`cassandra cleanup: keyspace ${keyspace} ${outcome}`);
  }
}

await main();
