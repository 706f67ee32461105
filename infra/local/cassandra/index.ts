import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UnavailableError } from "../../../core/errors.ts";
import type { LauncherOptions } from "../launcher-options.ts";
import { mavenClasspath } from "../maven-classpath.ts";
import {
  logTail,
  pollUntil,
  runFolder,
  runningPid,
  startDetached,
  stopRecorded,
} from "../process-control.ts";
import { type CassandraPorts, writeCassandraConfig } from "./config-files.ts";
import { probeCql } from "./cql-probe.ts";
import { cassandraJvmArgs } from "./jvm-args.ts";

/** Launcher options; the ports default to Cassandra's own (9042 CQL, 7000 storage). */
export interface CassandraLauncherOptions extends LauncherOptions, Partial<CassandraPorts> {
  /** How long a start may take before it is reported as failed with the log tail. */
  readonly startTimeoutMs?: number;
}

/** How clients reach the local node. */
export interface CassandraEndpoint {
  readonly contactPoints: string[];
  readonly localDataCenter: string;
}

const SERVICE = "cassandra";
const POM = fileURLToPath(new URL("./pom.xml", import.meta.url));

function portsOf(options: CassandraLauncherOptions): CassandraPorts {
  return { nativePort: options.nativePort ?? 9042, storagePort: options.storagePort ?? 7000 };
}

function endpointOf(port: number, localDataCenter: string): CassandraEndpoint {
  return { contactPoints: [`127.0.0.1:${port}`], localDataCenter };
}

/** Starts the node in the run folder and returns its pid; jars are resolved with Maven on the first run. */
function startNode(options: CassandraLauncherOptions, ports: CassandraPorts): number {
  // Absolute paths: the JVM runs in the run folder, so a relative classpath or yaml path would not resolve.
  const folder = runFolder(resolve(options.root), SERVICE);
  const libDir = join(folder.dir, "lib");
  const classpath = mavenClasspath(POM, libDir, options.log);
  const files = writeCassandraConfig(folder.dir, folder.dataDir, ports);
  const args = cassandraJvmArgs(classpath, libDir, folder.dataDir, files);
  return startDetached(folder, "java", args);
}

/**
 * Makes sure a local single-node Cassandra answers CQL, reusing the recorded one when it is alive and
 * answering; otherwise starts it and waits until `SELECT release_version FROM system.local` works.
 */
export async function ensureCassandra(options: CassandraLauncherOptions): Promise<CassandraEndpoint> {
  const folder = runFolder(options.root, SERVICE);
  const ports = portsOf(options);
  if (runningPid(folder) !== null) {
    const answer = await probeCql(ports.nativePort);
    if (answer) return endpointOf(ports.nativePort, answer.localDataCenter);
    options.log(`cassandra: recorded pid alive but CQL silent on ${ports.nativePort}; waiting for it`);
  } else {
    const started = Date.now();
    const pid = startNode(options, ports);
    options.log(
      `cassandra: started pid ${pid} (jars ready after ${Date.now() - started} ms), waiting for CQL`,
    );
  }
  return waitForCql(options, ports);
}

async function waitForCql(
  options: CassandraLauncherOptions,
  ports: CassandraPorts,
): Promise<CassandraEndpoint> {
  const folder = runFolder(options.root, SERVICE);
  const started = Date.now();
  let answer: Awaited<ReturnType<typeof probeCql>> = null;
  const ready = await pollUntil(
    async () => {
      if (runningPid(folder) === null) return true;
      answer = await probeCql(ports.nativePort);
      return answer !== null;
    },
    options.startTimeoutMs ?? 180_000,
    500,
  );
  if (!ready || answer === null) {
    const why = runningPid(folder) === null ? "the process exited" : "it did not answer CQL in time";
    throw new UnavailableError(`cassandra did not come up (${why}); log tail:\n${logTail(folder, 40)}`);
  }
  const { releaseVersion, localDataCenter } = answer as { releaseVersion: string; localDataCenter: string };
  options.log(
    `cassandra ${releaseVersion} answers CQL on ${ports.nativePort} after ${Date.now() - started} ms`,
  );
  return endpointOf(ports.nativePort, localDataCenter);
}

/** Stops the recorded node (by pid only); false when none was running. */
export function stopCassandra(options: LauncherOptions): Promise<boolean> {
  return stopRecorded(runFolder(options.root, SERVICE), 60_000);
}

/** The recorded pid and whether CQL answers on the native port. */
export async function statusCassandra(
  options: CassandraLauncherOptions,
): Promise<{ pid: number | null; answers: boolean }> {
  const pid = runningPid(runFolder(options.root, SERVICE));
  const answers = pid !== null && (await probeCql(portsOf(options).nativePort)) !== null;
  return { pid, answers };
}
