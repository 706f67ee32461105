import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ManualClock } from "../../../core/clock.ts";
import { DataFileError } from "../../../core/errors.ts";
import { MIGRATIONS_TABLE, type Migration } from "./migrations.ts";
import { openSqliteDatabase } from "./open-sqlite-database.ts";

const migrations: Migration[] = [
  {
    id: "test-001-create",
    sql: "CREATE TABLE things (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES things (id))",
  },
  { id: "test-002-alter", sql: "ALTER TABLE things ADD COLUMN label TEXT" },
];

describe("openSqliteDatabase", () => {
  const directory = mkdtempSync(join(tmpdir(), "starling-sqlite-open-"));
  after(() => rmSync(directory, { recursive: true, force: true }));
  const clock = new ManualClock(1_000);

  it("opens in WAL mode with foreign keys and a busy timeout", () => {
    const db = openSqliteDatabase({
      path: join(directory, "pragmas.sqlite"),
      migrations,
      clock,
      busyTimeoutMs: 1234,
    });
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(db.pragma("foreign_keys", { simple: true }), 1);
    assert.equal(db.pragma("busy_timeout", { simple: true }), 1234);
    assert.throws(() => db.prepare("INSERT INTO things (id, parent) VALUES (1, 99)").run(), /FOREIGN KEY/);
    db.close();
  });

  it("applies migrations in order once, and only new ones on a later open", () => {
    const path = join(directory, "migrate.sqlite");
    openSqliteDatabase({ path, migrations: migrations.slice(0, 1), clock }).close();
    clock.advance(500);
    const db = openSqliteDatabase({ path, migrations, clock });
    db.prepare("INSERT INTO things (id, label) VALUES (1, 'x')").run();
    const applied = db.prepare(`SELECT id, applied_at FROM ${MIGRATIONS_TABLE} ORDER BY id`).all();
    assert.deepEqual(applied, [
      { id: "test-001-create", applied_at: 1_000 },
      { id: "test-002-alter", applied_at: 1_500 },
    ]);
    db.close();
  });

  it("rolls back a failing migration and names the file", () => {
    const path = join(directory, "broken-migration.sqlite");
    const broken = [...migrations, { id: "test-003-broken", sql: "CREATE TABLE ok_table (x); NOT SQL" }];
    assert.throws(
      () => openSqliteDatabase({ path, migrations: broken, clock }),
      (error: unknown) => error instanceof DataFileError && error.message.includes(path),
    );
    const db = openSqliteDatabase({ path, migrations, clock });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").all();
    assert.deepEqual(tables, []);
    db.close();
  });

  it("reports a file that is not a database with its path", () => {
    const path = join(directory, "not-a-db.sqlite");
    writeFileSync(path, "this is plain text, not SQLite ".repeat(40));
    assert.throws(
      () => openSqliteDatabase({ path, migrations, clock }),
      (error: unknown) => error instanceof DataFileError && error.message.includes(path),
    );
  });
});
