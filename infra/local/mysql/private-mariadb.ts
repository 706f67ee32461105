import { freePort } from "../free-port.ts";
import { isAlive, runFolder, runningPid, stopRecorded } from "../process-control.ts";
import { initialiseDataDir, localRootUrl, startMariadbd } from "./mariadb-server.ts";

/** A MariaDB server of one's own, for tests that stop, restart or pause it. */
export interface PrivateMariadb {
  readonly url: string;
  readonly port: number;
  /** The current server process (changes after `restart()`). */
  readonly pid: number;
  /** Stop the server by its pid (resuming it first if it was paused). */
  stop(): Promise<void>;
  /** Stop, then start again on the same port and data dir; resolves once it answers. */
  restart(): Promise<void>;
}

/** Initialise a data dir under `dir` and start mariadbd on a free port (root, empty password). */
export async function startPrivateMariadb(
  dir: string,
  log: (line: string) => void = () => {},
): Promise<PrivateMariadb> {
  const folder = runFolder(dir, "mariadb");
  const port = await freePort();
  await initialiseDataDir(folder, log);
  let pid = await startMariadbd(folder, port, log);
  const stop = async () => {
    const recorded = runningPid(folder);
    // A stopped (SIGSTOP) process would hold SIGTERM until resumed.
    if (recorded !== null && isAlive(recorded)) process.kill(recorded, "SIGCONT");
    await stopRecorded(folder);
  };
  return {
    url: localRootUrl(port),
    port,
    get pid() {
      return pid;
    },
    stop,
    async restart() {
      await stop();
      pid = await startMariadbd(folder, port, log);
    },
  };
}
