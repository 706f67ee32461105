import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { realService, skipUnlessRequired } from "../../../tests/support/real-services.ts";
import { ensureMysql, statusMysql, stopMysql } from "./index.ts";
import { mysqlAnswers } from "./mariadb-server.ts";

const service = await realService("mysql");
const sharedAnswers = await mysqlAnswers(3306);
const skip =
  "skip" in service
    ? service.skip
    : skipUnlessRequired(sharedAnswers ? false : "no MariaDB answers on 127.0.0.1:3306 to reuse");

describe("mysql launcher next to a running server", { skip }, () => {
  const root = mkdtempSync(join(tmpdir(), "starling-mysql-launcher-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  const lines: string[] = [];
  const options = { root, log: (line: string) => lines.push(line) };

  it("reuses the server answering on 3306 and starts nothing", async () => {
    assert.deepEqual(await ensureMysql(options), { url: "mysql://root@127.0.0.1:3306/test" });
    assert.deepEqual(await ensureMysql(options), { url: "mysql://root@127.0.0.1:3306/test" });
    assert.ok(lines.some((line) => line.includes("reusing")));
    assert.deepEqual(await statusMysql(options), {
      pid: null,
      answering: true,
      url: "mysql://root@127.0.0.1:3306/test",
    });
  });

  it("stops only what it started: nothing here, and the shared server keeps answering", async () => {
    assert.equal(await stopMysql(options), false);
    assert.equal(await mysqlAnswers(3306), true);
  });
});
