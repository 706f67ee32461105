import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createConnection, type RowDataPacket } from "mysql2/promise";
import { ValidationError } from "../../core/errors.ts";
import { controlStoreContract } from "../../core/ports/contracts/control-store.contract.ts";
import type { Experiment } from "../../core/ports/control-store.ts";
import { realService, testNamespace } from "../../tests/support/real-services.ts";
import { DEFAULT_MIGRATIONS_DIR, migrationFiles } from "./migrations.ts";
import type { MysqlControlStore } from "./mysql-control-store.ts";
import { mysqlHarness } from "./mysql-test-database.ts";
import { parseMysqlUrl } from "./mysql-url.ts";

const service = await realService("mysql");
const skip = "skip" in service ? service.skip : false;
const endpoint = "skip" in service ? "" : service.endpoint.url;

describe("MysqlControlStore on a real mysql", { skip }, () => {
  controlStoreContract("MysqlControlStore", mysqlHarness(endpoint, testNamespace("db")));
});

async function rejectsWithField(promise: Promise<unknown>, field: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    assert.equal(error.field, field);
    return true;
  });
}

const experiment = (arms: Experiment["arms"]): Experiment => ({
  id: "exp",
  description: "",
  active: true,
  arms,
});

describe("MysqlControlStore specifics on a real mysql", { skip }, () => {
  const harness = mysqlHarness(endpoint, testNamespace("db"));
  let store: MysqlControlStore;
  before(async () => {
    store = await harness.create();
  });
  after(() => harness.cleanup());

  it("creates the database and records each migration once however often a store opens", async () => {
    for (let i = 0; i < 2; i++) await (await harness.create()).close();
    const { database, ...server } = parseMysqlUrl(harness.url);
    const connection = await createConnection({ ...server, database });
    try {
      const [rows] = await connection.query<RowDataPacket[]>(
        "SELECT id, COUNT(*) AS n FROM schema_migrations GROUP BY id ORDER BY id",
      );
      const expected = migrationFiles(DEFAULT_MIGRATIONS_DIR).map((id) => ({ id, n: 1 }));
      assert.ok(expected.length > 0);
      assert.deepEqual(
        rows.map((row) => ({ id: row.id, n: Number(row.n) })),
        expected,
      );
    } finally {
      await connection.end();
    }
  });

  it("keeps item order, genre order and case-sensitive ids", async () => {
    await store.upsertItems([
      { itemId: "Case", title: "Upper", year: 2000, genres: ["b", "a", "b"], eligible: true },
      { itemId: "case", title: "Lower", year: null, genres: [], eligible: false },
    ]);
    assert.deepEqual(await store.getItems(["case", "Case", "case"]), [
      { itemId: "case", title: "Lower", year: null, genres: [], eligible: false },
      { itemId: "Case", title: "Upper", year: 2000, genres: ["b", "a"], eligible: true },
      { itemId: "case", title: "Lower", year: null, genres: [], eligible: false },
    ]);
  });

  it("answers eligibility and reads items for thousands of ids", async () => {
    const ids = Array.from({ length: 6000 }, (_, i) => `bulk-${i}`);
    await store.upsertItems(
      ids
        .slice(0, 4000)
        .map((itemId, i) => ({ itemId, title: itemId, year: null, genres: ["g"], eligible: i % 2 === 0 })),
    );
    const eligible = await store.eligibleAmong(ids);
    assert.equal(eligible.size, 2000);
    assert.ok(eligible.has("bulk-0") && !eligible.has("bulk-1") && !eligible.has("bulk-4000"));
    await store.setEligible(ids, true);
    assert.equal((await store.eligibleAmong(ids)).size, 4000);
    const read = await store.getItems(ids);
    assert.equal(read.filter((item) => item !== null).length, 4000);
    assert.deepEqual(read[3999]?.genres, ["g"]);
  });

  it("names the bad field of an invalid experiment and round-trips nested params", async () => {
    await rejectsWithField(store.putExperiment(experiment([])), "arms");
    await rejectsWithField(
      store.putExperiment(
        experiment([
          { name: "a", weight: 1, params: {} },
          { name: "b", weight: -1, params: {} },
        ]),
      ),
      "arms.1.weight",
    );
    const nested = experiment([
      { name: "a", weight: 1.5, params: { text: "é ünï ✓", list: [1, null, "x"], deep: { n: -2 } } },
    ]);
    await store.putExperiment(nested);
    assert.deepEqual(await store.getExperiment("exp"), nested);
  });

  it("rejects a genre whose parent does not exist, storing nothing of the batch", async () => {
    await store.upsertGenres([
      { name: "kid", parent: "adult" },
      { name: "adult", parent: null },
    ]);
    await rejectsWithField(
      store.upsertGenres([
        { name: "x", parent: null },
        { name: "y", parent: "nowhere" },
      ]),
      "parent",
    );
    await rejectsWithField(store.upsertGenres([{ name: "self", parent: "self" }]), "parent");
    assert.deepEqual(
      (await store.listGenres()).map((g) => g.name),
      ["adult", "kid"],
    );
    assert.deepEqual(await store.genreWithDescendants("nowhere"), []);
  });

  it("terminates on a cyclic hierarchy", async () => {
    await store.upsertGenres([
      { name: "c1", parent: null },
      { name: "c2", parent: "c1" },
    ]);
    await store.upsertGenres([{ name: "c1", parent: "c2" }]);
    assert.deepEqual((await store.genreWithDescendants("c1")).sort(), ["c1", "c2"]);
  });

  it("names every unstaged kind and keeps activatedAt when re-activating the active version", async () => {
    await store.stageVersion("a", "v1");
    await rejectsWithField(store.activateVersions({ a: "v1", b: "v9" }), "pointers.b");
    assert.equal(await store.activeVersion("a"), null);
    await store.activateVersions({ a: "v1" });
    const [before] = await store.listVersions("a");
    await store.activateVersions({ a: "v1" });
    await store.stageVersion("a", "v1");
    assert.deepEqual(await store.listVersions("a"), [before]);
  });

  it("fails with a non-retriable error once closed", async () => {
    const closed = await harness.create();
    await closed.close();
    await closed.close();
    await assert.rejects(
      closed.getSwitch("x"),
      (error: { retriable?: boolean }) => error.retriable === false,
    );
  });
});
