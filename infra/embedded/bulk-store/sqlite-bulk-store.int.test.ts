import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { ConfigError, DataFileError, StarlingError } from "../../../core/errors.ts";
import type { RawEvent } from "../../../core/ports/bulk-store.ts";
import { bulkStoreContract } from "../../../core/ports/contracts/bulk-store.contract.ts";
import { CONTROL_STORE_MIGRATIONS, createSqliteControlStore } from "../control-store/index.ts";
import { MEMORY_PATH, MIGRATIONS_TABLE } from "../sqlite/index.ts";
import { tempFileHarness } from "../sqlite/temp-file-harness.ts";
import { BULK_STORE_MIGRATIONS, createSqliteBulkStore } from "./index.ts";

bulkStoreContract(
  "SqliteBulkStore",
  tempFileHarness("bulk", (path, clock) => createSqliteBulkStore({ path, clock })),
);
bulkStoreContract(
  "SqliteBulkStore with 3-row pages",
  tempFileHarness("bulk-paged", (path, clock) => createSqliteBulkStore({ path, clock, pageSize: 3 })),
);

const bytes = (text: string) => new TextEncoder().encode(text);

function rawEvent(userId: string, timestamp: number, eventId: string): RawEvent {
  return { eventId, type: "view", userId, itemId: "i", timestamp, body: "{}" };
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of source) out.push(value);
  return out;
}

describe("SqliteBulkStore specifics", () => {
  const directory = mkdtempSync(join(tmpdir(), "starling-bulk-specific-"));
  after(() => rmSync(directory, { recursive: true, force: true }));
  const fileFor = (name: string) => join(directory, `${name}.sqlite`);

  it("keeps events and artifacts when the file is reopened", async () => {
    const path = fileFor("reopen");
    const first = createSqliteBulkStore({ path });
    await first.appendEvents([rawEvent("u1", 1, "e1")]);
    await first.putArtifacts("k", "v1", [{ key: "a", value: bytes("kept") }]);
    await first.close();
    const second = createSqliteBulkStore({ path });
    assert.deepEqual(await collect(second.readEvents({ userId: "u1" })), [rawEvent("u1", 1, "e1")]);
    assert.deepEqual(await second.getArtifact("k", "v1", "a"), bytes("kept"));
    await second.close();
  });

  it("records each migration once however often the file is opened, next to other stores' migrations", async () => {
    const path = fileFor("migrations");
    for (let i = 0; i < 3; i++) await createSqliteBulkStore({ path }).close();
    await createSqliteControlStore({ path }).close();
    const db = new Database(path, { readonly: true });
    const ids = db.prepare(`SELECT id FROM ${MIGRATIONS_TABLE} ORDER BY id`).pluck().all();
    db.close();
    const expected = [...BULK_STORE_MIGRATIONS, ...CONTROL_STORE_MIGRATIONS].map((m) => m.id).sort();
    assert.deepEqual(ids, expected);
  });

  it("names the missing directory when the path cannot be opened", () => {
    const path = join(directory, "no-such-dir", "store.sqlite");
    assert.throws(
      () => createSqliteBulkStore({ path }),
      (error: unknown) =>
        error instanceof DataFileError &&
        error.message.includes(path) &&
        error.message.includes("no-such-dir"),
    );
    assert.throws(() => createSqliteBulkStore({ path: "" }), ConfigError);
    assert.throws(() => createSqliteBulkStore({ path: MEMORY_PATH, pageSize: 0 }), ConfigError);
  });

  it("returns plain Uint8Arrays that own their bytes", async () => {
    const store = createSqliteBulkStore({ path: MEMORY_PATH });
    await store.putArtifacts("k", "v", [
      { key: "a", value: bytes("abc") },
      { key: "empty", value: new Uint8Array(0) },
    ]);
    for (const value of await store.getArtifacts("k", "v", ["a", "empty"])) {
      assert.ok(value !== null);
      assert.equal(Object.getPrototypeOf(value), Uint8Array.prototype);
      assert.equal(value.byteOffset, 0);
      assert.equal(value.buffer.byteLength, value.byteLength);
    }
    await store.close();
  });

  it("writes more entries than one insert chunk, later duplicates winning", async () => {
    const store = createSqliteBulkStore({ path: MEMORY_PATH, pageSize: 700 });
    const entries = Array.from({ length: 2500 }, (_, i) => ({
      key: `k${String(i).padStart(5, "0")}`,
      value: bytes(`${i}`),
    }));
    entries.push({ key: "k00001", value: bytes("late") }, { key: "k01999", value: bytes("later") });
    await store.putArtifacts("big", "v1", entries);
    assert.equal((await store.listVersions("big"))[0]?.entries, 2500);
    assert.deepEqual(await store.getArtifacts("big", "v1", ["k00001", "k01999", "k02499"]), [
      bytes("late"),
      bytes("later"),
      bytes("2499"),
    ]);
    const keys = await collect(store.listArtifactKeys("big", "v1"));
    assert.deepEqual(
      keys,
      entries.slice(0, 2500).map((e) => e.key),
    );
    await store.close();
  });

  it("leaves the connection free between pages, so writes may interleave with a read", async () => {
    const store = createSqliteBulkStore({ path: fileFor("interleave"), pageSize: 50 });
    await store.appendEvents(
      Array.from({ length: 500 }, (_, i) => rawEvent(`u${i % 7}`, i, `e${String(i).padStart(4, "0")}`)),
    );
    let read = 0;
    for await (const event of store.readEvents()) {
      read++;
      if (read % 60 === 0) await store.appendEvents([rawEvent("zz-late", read, `late-${read}`)]);
      assert.ok(event.userId.length > 0);
    }
    assert.ok(read >= 500, `read ${read} events`);
    await store.close();
  });

  it("keeps separate in-memory stores apart and rejects calls after close", async () => {
    const one = createSqliteBulkStore({ path: MEMORY_PATH });
    const two = createSqliteBulkStore({ path: MEMORY_PATH });
    await one.putArtifacts("k", "v", [{ key: "a", value: bytes("1") }]);
    assert.equal(await two.getArtifact("k", "v", "a"), null);
    await one.close();
    await one.close();
    await two.close();
    await assert.rejects(one.getArtifact("k", "v", "a"), StarlingError);
    await assert.rejects(collect(one.readEvents()), StarlingError);
  });
});
