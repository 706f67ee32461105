import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { UnavailableError } from "../../core/errors.ts";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import { realService, skipUnlessRequired } from "../../tests/support/real-services.ts";
import { freePort } from "../local/free-port.ts";
import { type PrivateMariadb, startPrivateMariadb } from "../local/mysql/index.ts";
import { createMysqlControlStore, type MysqlControlStore } from "./mysql-control-store.ts";
import { withDatabase } from "./mysql-url.ts";

const service = await realService("mysql");
const installed = spawnSync("mariadbd", ["--version"], { stdio: "ignore" }).status === 0;
const skip =
  "skip" in service
    ? service.skip
    : installed
      ? false
      : skipUnlessRequired("mariadbd is not installed (apt-get install mariadb-server)");

const QUERY_TIMEOUT_MS = 1000;
/** Scheduling slack on top of a timeout before a call counts as hung. */
const SLACK_MS = 1500;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Whether every thread of the process is in the stopped state (Linux /proc). */
function allThreadsStopped(pid: number): boolean {
  const tasks = readdirSync(`/proc/${pid}/task`);
  return tasks.every((task) => {
    const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state === "T" || state === "t";
  });
}

async function elapsedRejection(call: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await call;
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error("the call succeeded while the server was paused");
}

/** Faults on a private mariadbd (never the shared server): restart and SIGSTOP. */
describe("MysqlControlStore faults on a private mariadbd", { skip }, () => {
  let dir: string;
  let server: PrivateMariadb;
  const stores: MysqlControlStore[] = [];
  const open = async (database: string, connectionLimit = 4, queueLimit = 8) => {
    const store = await createMysqlControlStore(
      {},
      {
        url: withDatabase(server.url, database),
        queryTimeoutMs: QUERY_TIMEOUT_MS,
        connectTimeoutMs: QUERY_TIMEOUT_MS,
        connectionLimit,
        queueLimit,
      },
    );
    stores.push(store);
    return store;
  };

  // A fresh server per test, so a restart in one test cannot leave another pausing the wrong process.
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "starling-mariadb-"));
    const started = Date.now();
    server = await startPrivateMariadb(dir, log);
    log(`private mariadbd initialised and ready in ${Date.now() - started} ms`);
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creating a store where nothing listens fails fast with UnavailableError", async () => {
    const port = await freePort();
    const started = Date.now();
    await assert.rejects(
      createMysqlControlStore(
        {},
        { url: `mysql://root@127.0.0.1:${port}/nothing`, connectTimeoutMs: QUERY_TIMEOUT_MS },
      ),
      UnavailableError,
    );
    assert.ok(Date.now() - started < QUERY_TIMEOUT_MS + SLACK_MS);
  });

  it("the same store recovers after the server restarts", async () => {
    const store = await open("restart");
    await store.setSwitch("mode", "before");
    await store.stageVersion("ranker", "v1");
    const oldPid = server.pid;
    const started = Date.now();
    await server.restart();
    log(`private mariadbd restarted in ${Date.now() - started} ms`);
    assert.notEqual(server.pid, oldPid);
    const failures: unknown[] = [];
    await waitFor(
      async () => {
        try {
          return (await store.getSwitch("mode")) === "before";
        } catch (error) {
          failures.push(error);
          return false;
        }
      },
      { timeoutMs: 15_000, intervalMs: 100, message: "store answers after the restart" },
    );
    log(`calls failed ${failures.length} time(s) before the store answered again`);
    for (const error of failures)
      assert.ok(error instanceof UnavailableError, `not retriable: ${String(error)}`);
    await store.activateVersions({ ranker: "v1" });
    assert.equal(await store.activeVersion("ranker"), "v1");
  });

  it("a paused server fails calls within the query timeout, and they work again after it resumes", async () => {
    const store = await open("paused", 2, 2);
    await store.setSwitch("mode", "on");
    process.kill(server.pid, "SIGSTOP");
    try {
      // SIGSTOP lands asynchronously; on a busy machine a thread can still answer one query before it stops.
      await waitFor(() => allThreadsStopped(server.pid), { timeoutMs: 5000, message: "mariadbd stopped" });
      // First on a pooled connection (query timeout), then on a new one (handshake timeout).
      for (const attempt of ["pooled", "new"]) {
        const { error, ms } = await elapsedRejection(store.getSwitch("mode"));
        log(`paused server: call on a ${attempt} connection failed after ${ms} ms`);
        assert.ok(error instanceof UnavailableError, `${attempt}: ${String(error)}`);
        assert.equal(error.retriable, true);
        assert.ok(ms < QUERY_TIMEOUT_MS + SLACK_MS, `${attempt} connection call took ${ms} ms`);
      }
      // More callers than connections plus queue: every one fails in bounded time, none hangs.
      const started = Date.now();
      const burst = await Promise.allSettled(Array.from({ length: 8 }, () => store.getSwitch("mode")));
      const waited = Date.now() - started;
      log(`paused server: a burst of 8 calls all failed within ${waited} ms`);
      assert.ok(burst.every((r) => r.status === "rejected" && r.reason instanceof UnavailableError));
      assert.ok(waited < 2 * QUERY_TIMEOUT_MS + SLACK_MS, `burst took ${waited} ms`);
    } finally {
      process.kill(server.pid, "SIGCONT");
    }
    await waitFor(async () => (await store.getSwitch("mode").catch(() => null)) === "on", {
      timeoutMs: 10_000,
      intervalMs: 100,
      message: "store answers after SIGCONT",
    });
    await store.setSwitch("mode", "off");
    assert.equal(await store.getSwitch("mode"), "off");
  });
});
