import { UnavailableError } from "../../../core/errors.ts";
import type { LauncherOptions } from "../launcher-options.ts";
import { logTail, pollUntil, runFolder, runningPid, stopRecorded } from "../process-control.ts";
import { initialiseDataDir, localRootUrl, mysqlAnswers, startMariadbd } from "./mariadb-server.ts";

export { type PrivateMariadb, startPrivateMariadb } from "./private-mariadb.ts";

/** The port a local MySQL role is expected on (the shared server's, or ours when none runs). */
const MYSQL_PORT = 3306;
const STARTUP_TIMEOUT_MS = 60_000;

export interface MysqlEndpoint {
  readonly url: string;
}

export interface MysqlStatus {
  /** The pid of the server this launcher started, or null when it runs none. */
  readonly pid: number | null;
  /** Whether a server (ours or another) answers on the port. */
  readonly answering: boolean;
  readonly url: string;
}

/** Reuse a MariaDB/MySQL answering on 127.0.0.1:3306, else start mariadbd in `root/mysql` and wait for it. */
export async function ensureMysql(options: LauncherOptions): Promise<MysqlEndpoint> {
  const url = localRootUrl(MYSQL_PORT);
  if (await mysqlAnswers(MYSQL_PORT)) {
    options.log(`mysql: reusing the server answering on 127.0.0.1:${MYSQL_PORT}`);
    return { url };
  }
  const folder = runFolder(options.root, "mysql");
  const recorded = runningPid(folder);
  if (recorded !== null) {
    // Ours is running but not answering yet: it may still be starting (another process launched it).
    options.log(`mysql: waiting for recorded mariadbd pid ${recorded}`);
    if (await pollUntil(() => mysqlAnswers(MYSQL_PORT), STARTUP_TIMEOUT_MS)) return { url };
    throw new UnavailableError(
      `mariadbd pid ${recorded} does not answer on ${MYSQL_PORT}; log:\n${logTail(folder)}`,
    );
  }
  const started = Date.now();
  await initialiseDataDir(folder, options.log);
  await startMariadbd(folder, MYSQL_PORT, options.log, STARTUP_TIMEOUT_MS);
  options.log(`mysql: started in ${Date.now() - started} ms`);
  return { url };
}

/** Stop the mariadbd this launcher started (by its recorded pid); false when none was running. */
export function stopMysql(options: LauncherOptions): Promise<boolean> {
  return stopRecorded(runFolder(options.root, "mysql"));
}

/** Whether our server runs and whether anything answers on the port. */
export async function statusMysql(options: LauncherOptions): Promise<MysqlStatus> {
  return {
    pid: runningPid(runFolder(options.root, "mysql")),
    answering: await mysqlAnswers(MYSQL_PORT),
    url: localRootUrl(MYSQL_PORT),
  };
}
