import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import cassandra from "cassandra-driver";
import { systemClock } from "../../core/clock.ts";
import { loadConfig, loadServiceEndpoints } from "../../core/config/index.ts";
import { ConfigError, UnavailableError } from "../../core/errors.ts";
import type { BulkStore, RawEvent } from "../../core/ports/bulk-store.ts";
import { bulkStoreContract } from "../../core/ports/contracts/bulk-store.contract.ts";
import { realService, skipUnlessRequired, testNamespace } from "../../tests/support/real-services.ts";
import { ensureCassandra, statusCassandra, stopCassandra } from "../local/cassandra/index.ts";
import { pollUntil } from "../local/process-control.ts";
import { type CassandraBulkStoreOptions, createCassandraBulkStore, migrationFiles } from "./index.ts";

const service = await realService("cassandra");
const endpoint = "endpoint" in service ? service.endpoint : { contactPoints: [], localDataCenter: "" };
const keyspaces: string[] = [];

function optionsFor(
  keyspace: string,
  extra: Partial<CassandraBulkStoreOptions> = {},
): CassandraBulkStoreOptions {
  if (!keyspaces.includes(keyspace)) keyspaces.push(keyspace);
  return { ...endpoint, keyspace, ...extra };
}

/** A plain driver client for checks the port does not expose, and for dropping the test keyspaces. */
function rawClient(): cassandra.Client {
  return new cassandra.Client({
    contactPoints: [...endpoint.contactPoints],
    localDataCenter: endpoint.localDataCenter,
  });
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of source) out.push(value);
  return out;
}

function event(userId: string, timestamp: number, eventId: string): RawEvent {
  return { eventId, type: "view", userId, itemId: `i-${eventId}`, timestamp, body: `{"e":"${eventId}"}` };
}

/** Why the restart test cannot run here, or false when the node is the one our launcher recorded. */
async function restartSkip(): Promise<string | false> {
  if (loadServiceEndpoints().cassandraContactPoints) return "endpoint given explicitly: not ours to restart";
  const status = await statusCassandra(launcher);
  return status.pid === null
    ? "cassandra was not started by infra/local (e.g. a container): not ours to restart"
    : false;
}
const launcher = {
  root: join(loadConfig().stateDir, "services"),
  log: (line: string) => process.stderr.write(`# ${line}\n`),
};

describe("CassandraBulkStore on a real cassandra", { skip: "skip" in service ? service.skip : false }, () => {
  after(async () => {
    const client = rawClient();
    for (const keyspace of keyspaces) await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await client.shutdown();
  });

  const contractKeyspace = testNamespace("ks");
  bulkStoreContract("CassandraBulkStore", {
    create: () => createCassandraBulkStore({ clock: systemClock }, optionsFor(contractKeyspace)),
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    cleanup: async () => undefined,
  });

  it("records each migration once however often a store is created on the keyspace", async () => {
    const keyspace = testNamespace("ks");
    const appliedAt = async () => {
      const client = rawClient();
      try {
        const rows = (await client.execute(`SELECT id, applied_at FROM ${keyspace}.schema_migrations`)).rows;
        return new Map(rows.map((row) => [String(row.id), (row.applied_at as Date).getTime()]));
      } finally {
        await client.shutdown();
      }
    };
    await (await createCassandraBulkStore({}, optionsFor(keyspace))).close();
    const first = await appliedAt();
    await (await createCassandraBulkStore({}, optionsFor(keyspace))).close();
    const expected = await migrationFiles(new URL("../../schemas/cql/", import.meta.url).pathname);
    assert.deepEqual([...first.keys()].sort(), expected);
    assert.deepEqual(await appliedAt(), first);
  });

  it("refuses a replication factor larger than the cluster, saying so, and creates nothing", async () => {
    const keyspace = testNamespace("ks");
    await assert.rejects(
      createCassandraBulkStore({}, optionsFor(keyspace, { replication: { factor: 3 } })),
      (error: unknown) =>
        error instanceof ConfigError && /replication factor 3 is larger than the 1 node/.test(error.message),
    );
    const client = rawClient();
    const found = await client.execute(
      "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
      [keyspace],
      { prepare: true },
    );
    await client.shutdown();
    assert.equal(found.rowLength, 0);
  });

  describe("events", () => {
    const keyspace = testNamespace("ks");
    let store: BulkStore;
    const open = async () => {
      store ??= await createCassandraBulkStore({}, optionsFor(keyspace, { fetchSize: 2 }));
      return store;
    };
    after(() => store?.close());

    it("stores an event appended again, in another batch and order, once", async () => {
      const s = await open();
      const a = event("u-again", Date.UTC(2024, 0, 5), "again-1");
      const b = event("u-again", Date.UTC(2024, 1, 5), "again-2");
      await s.appendEvents([a]);
      await s.appendEvents([b, a, b]);
      assert.deepEqual(await collect(s.readEvents({ userId: "u-again" })), [a, b]);
    });

    it("streams users' events across months and pages, each user's run in time order", async () => {
      const s = await open();
      const times = [
        Date.UTC(2024, 2, 3),
        Date.UTC(2023, 11, 31, 23),
        Date.UTC(2024, 0, 1),
        Date.UTC(2024, 2, 1),
      ];
      const users = ["u-scan-a", "u-scan-b", "u-scan-c"];
      const events = users.flatMap((user, u) => times.map((t, i) => event(user, t + u, `scan-${u}-${i}`)));
      await s.appendEvents(events);
      const mine = (await collect(s.readEvents())).filter((e) => users.includes(e.userId));
      const expected = (user: string) =>
        events.filter((e) => e.userId === user).sort((a, b) => a.timestamp - b.timestamp);
      const grouped = [...new Set(mine.map((e) => e.userId))];
      assert.equal(grouped.length, users.length);
      assert.deepEqual(mine, grouped.flatMap(expected));
      const january = await collect(
        s.readEvents({ userId: "u-scan-b", from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 2, 2) }),
      );
      assert.deepEqual(
        january.map((e) => e.eventId),
        ["scan-1-2", "scan-1-3"],
      );
    });
  });

  it("the same client recovers after the server restarts", async (t) => {
    const why = skipUnlessRequired(await restartSkip());
    if (why) return t.skip(why);
    const store = await createCassandraBulkStore(
      {},
      optionsFor(testNamespace("ks"), { onlineTimeoutMs: 1000 }),
    );
    try {
      await store.putArtifacts("restart", "v1", [{ key: "a", value: new Uint8Array([1, 2, 3]) }]);
      assert.ok(await stopCassandra(launcher), "the launcher's node was running");
      await assert.rejects(store.getArtifact("restart", "v1", "a"), UnavailableError);
      await ensureCassandra(launcher);
      const up = Date.now();
      const recovered = await pollUntil(
        async () => (await store.getArtifact("restart", "v1", "a")) !== null,
        20_000,
        200,
      );
      const tookMs = Date.now() - up;
      t.diagnostic(`recovered ${tookMs} ms after the node answered CQL again`);
      assert.ok(recovered, "reads did not recover within 20 s");
      assert.ok(tookMs <= 10_000 + 2_000, `recovery took ${tookMs} ms, more than the 10 s reconnection cap`);
      await store.appendEvents([event("u-restart", Date.UTC(2024, 0, 2), "restart-1")]);
      assert.equal((await collect(store.readEvents({ userId: "u-restart" }))).length, 1);
    } finally {
      await store.close();
    }
  });
});
