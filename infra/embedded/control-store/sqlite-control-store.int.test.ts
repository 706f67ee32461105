import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { ValidationError } from "../../../core/errors.ts";
import { controlStoreContract } from "../../../core/ports/contracts/control-store.contract.ts";
import type { Experiment } from "../../../core/ports/control-store.ts";
import { MEMORY_PATH, MIGRATIONS_TABLE } from "../sqlite/index.ts";
import { tempFileHarness } from "../sqlite/temp-file-harness.ts";
import { CONTROL_STORE_MIGRATIONS, createSqliteControlStore } from "./index.ts";

controlStoreContract(
  "SqliteControlStore",
  tempFileHarness("control", (path, clock) => createSqliteControlStore({ path, clock })),
);

const experiment = (arms: Experiment["arms"]): Experiment => ({
  id: "exp",
  description: "",
  active: true,
  arms,
});

async function rejectsWithField(promise: Promise<unknown>, field: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    assert.equal(error.field, field);
    return true;
  });
}

describe("SqliteControlStore specifics", () => {
  const directory = mkdtempSync(join(tmpdir(), "starling-control-specific-"));
  after(() => rmSync(directory, { recursive: true, force: true }));
  const fileFor = (name: string) => join(directory, `${name}.sqlite`);

  it("keeps control data when the file is reopened", async () => {
    const path = fileFor("reopen");
    const first = createSqliteControlStore({ path });
    await first.upsertItems([{ itemId: "i1", title: "One", year: 2000, genres: ["b", "a"], eligible: true }]);
    await first.setSwitch("mode", "fast");
    await first.stageVersion("ranker", "v1");
    await first.activateVersions({ ranker: "v1" });
    await first.close();
    const second = createSqliteControlStore({ path });
    assert.deepEqual(await second.getItems(["i1"]), [
      { itemId: "i1", title: "One", year: 2000, genres: ["b", "a"], eligible: true },
    ]);
    assert.equal(await second.getSwitch("mode"), "fast");
    assert.equal(await second.activeVersion("ranker"), "v1");
    await second.close();
  });

  it("records each migration once however often the file is opened", async () => {
    const path = fileFor("migrations");
    for (let i = 0; i < 3; i++) await createSqliteControlStore({ path }).close();
    const db = new Database(path, { readonly: true });
    const rows = db
      .prepare(`SELECT id, count(*) AS n FROM ${MIGRATIONS_TABLE} GROUP BY id ORDER BY id`)
      .all();
    db.close();
    assert.deepEqual(
      rows,
      CONTROL_STORE_MIGRATIONS.map((m) => ({ id: m.id, n: 1 })),
    );
  });

  it("names the bad field of an invalid experiment", async () => {
    const store = createSqliteControlStore({ path: MEMORY_PATH });
    await rejectsWithField(store.putExperiment(experiment([])), "arms");
    const arms = [
      { name: "a", weight: 1, params: {} },
      { name: "b", weight: -1, params: {} },
    ];
    await rejectsWithField(store.putExperiment(experiment(arms)), "arms.1.weight");
    await rejectsWithField(
      store.putExperiment(experiment([{ name: "", weight: 1, params: {} }])),
      "arms.0.name",
    );
    const duplicate = [
      { name: "a", weight: 1, params: {} },
      { name: "a", weight: 1, params: {} },
    ];
    await rejectsWithField(store.putExperiment(experiment(duplicate)), "arms");
    await rejectsWithField(store.putExperiment({ ...experiment(arms.slice(0, 1)), id: "" }), "id");
    await store.close();
  });

  it("rejects a genre whose parent does not exist, storing nothing of the batch", async () => {
    const store = createSqliteControlStore({ path: MEMORY_PATH });
    await store.upsertGenres([
      { name: "child", parent: "parent" },
      { name: "parent", parent: null },
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
      ["child", "parent"],
    );
    assert.deepEqual(await store.genreWithDescendants("nowhere"), []);
    await store.close();
  });

  it("answers eligibility for thousands of ids", async () => {
    const store = createSqliteControlStore({ path: MEMORY_PATH });
    const ids = Array.from({ length: 6000 }, (_, i) => `item-${i}`);
    await store.upsertItems(
      ids
        .slice(0, 4000)
        .map((itemId, i) => ({ itemId, title: itemId, year: null, genres: [], eligible: i % 2 === 0 })),
    );
    const eligible = await store.eligibleAmong(ids);
    assert.equal(eligible.size, 2000);
    assert.ok(eligible.has("item-0") && !eligible.has("item-1") && !eligible.has("item-4000"));
    await store.setEligible(ids, true);
    assert.equal((await store.eligibleAmong(ids)).size, 4000);
    await store.close();
  });

  it("names every unstaged kind and keeps activatedAt when re-activating the active version", async () => {
    const store = createSqliteControlStore({ path: MEMORY_PATH });
    await store.stageVersion("a", "v1");
    await rejectsWithField(store.activateVersions({ a: "v1", b: "v9" }), "pointers.b");
    assert.equal(await store.activeVersion("a"), null);
    await store.activateVersions({ a: "v1" });
    const [before] = await store.listVersions("a");
    await store.activateVersions({ a: "v1" });
    await store.stageVersion("a", "v1");
    assert.deepEqual(await store.listVersions("a"), [before]);
    await store.close();
  });
});
