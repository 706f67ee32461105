import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createConnection } from "mysql2/promise";
import { UnavailableError } from "../../../core/errors.ts";
import { isAlive, logTail, pollUntil, type RunFolder, startDetached } from "../process-control.ts";

const INSTALL_HINT = "install MariaDB first: apt-get install mariadb-server";

/** Small buffers so a private test instance stays light; these are not production settings. */
const LIGHT_SETTINGS = ["--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M", "--skip-name-resolve"];

/** mariadbd refuses to run as root unless told which user to be. */
function userArgs(): string[] {
  return process.getuid?.() === 0 ? [`--user=${userInfo().username}`] : [];
}

/** The URL of root (empty password) on a local port, database `test`. */
export function localRootUrl(port: number): string {
  return `mysql://root@127.0.0.1:${port}/test`;
}

/** Whether a MariaDB/MySQL server accepts root without a password on this port and answers a query. */
export async function mysqlAnswers(port: number, timeoutMs = 2000): Promise<boolean> {
  try {
    const connection = await createConnection({
      host: "127.0.0.1",
      port,
      user: "root",
      connectTimeout: timeoutMs,
    });
    try {
      await connection.query({ sql: "SELECT 1", timeout: timeoutMs });
      return true;
    } finally {
      connection.destroy();
    }
  } catch {
    return false;
  }
}

/** Create the system tables in the run folder's data dir, once; root keeps an empty password. */
export async function initialiseDataDir(folder: RunFolder, log: (line: string) => void): Promise<void> {
  if (existsSync(join(folder.dataDir, "mysql"))) return;
  log(`mysql: initialising ${folder.dataDir}`);
  const started = Date.now();
  const args = [
    "--no-defaults",
    `--datadir=${folder.dataDir}`,
    "--auth-root-authentication-method=normal",
    ...userArgs(),
    ...LIGHT_SETTINGS,
  ];
  try {
    await promisify(execFile)("mariadb-install-db", args, { timeout: 120_000 });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UnavailableError(
      missing
        ? `mariadb-install-db not found: ${INSTALL_HINT}`
        : `mariadb-install-db failed: ${String(error)}`,
      error,
    );
  }
  log(`mysql: data dir initialised in ${Date.now() - started} ms`);
}

/** Start mariadbd on the run folder's data dir and wait until it answers; returns its pid. */
export async function startMariadbd(
  folder: RunFolder,
  port: number,
  log: (line: string) => void,
  timeoutMs = 60_000,
): Promise<number> {
  const started = Date.now();
  const pid = startDetached(folder, "mariadbd", [
    "--no-defaults",
    `--datadir=${folder.dataDir}`,
    // Unix socket paths are limited to about 100 bytes, so the socket lives in the temp dir, named by port.
    `--socket=${join(tmpdir(), `starling-mariadbd-${port}.sock`)}`,
    `--pid-file=${join(folder.dir, "mariadbd.pidfile")}`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    ...userArgs(),
    ...LIGHT_SETTINGS,
  ]);
  // Stops polling early when the process exits (port taken, bad data dir): the log says why.
  const settled = await pollUntil(
    async () => !isAlive(pid) || (await mysqlAnswers(port, 1000)),
    timeoutMs,
    50,
  );
  const ready = settled && isAlive(pid);
  if (!ready) {
    throw new UnavailableError(
      `mariadbd did not come up on port ${port} (${INSTALL_HINT}); log:\n${logTail(folder)}`,
    );
  }
  log(`mysql: mariadbd pid ${pid} ready on 127.0.0.1:${port} in ${Date.now() - started} ms`);
  return pid;
}
