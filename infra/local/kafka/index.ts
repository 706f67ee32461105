import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UnavailableError } from "../../../core/errors.ts";
import type { LauncherOptions } from "../launcher-options.ts";
import { mavenClasspath } from "../maven-classpath.ts";
import {
  isAlive,
  logTail,
  pollUntil,
  type RunFolder,
  runFolder,
  runningPid,
  startDetached,
  stopRecorded,
} from "../process-control.ts";
import { kafkaAnswers } from "./kafka-answers.ts";
import { choosePorts } from "./ports.ts";
import { configFiles, type KafkaPorts, log4jProperties, serverProperties } from "./server-config.ts";
import { withStartLock } from "./start-lock.ts";

/** Launcher options: where to run, plus the ports used when the run folder has none recorded yet. */
export interface KafkaLauncherOptions extends LauncherOptions {
  readonly port?: number;
  readonly controllerPort?: number;
  /** How long a start may take before it fails with the log tail; default 120 s. */
  readonly startTimeoutMs?: number;
}

export interface KafkaEndpoint {
  readonly brokers: string[];
}

export interface KafkaStatus {
  readonly running: boolean;
  readonly pid: number | null;
  readonly brokers: string[];
  readonly runDir: string;
}

const POM = join(dirname(fileURLToPath(import.meta.url)), "pom.xml");

function recordedPorts(folder: RunFolder): KafkaPorts | undefined {
  const file = configFiles(folder.dir).ports;
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as KafkaPorts) : undefined;
}

const brokerOf = (ports: KafkaPorts) => `127.0.0.1:${ports.port}`;

/**
 * The cluster id of this run folder, generated once (a Kafka Uuid: 16 random bytes, base64url). One starting
 * with "-" is drawn again: the storage tool would read it as a flag.
 */
function clusterId(file: string): string {
  if (!existsSync(file) || readFileSync(file, "utf8").startsWith("-")) {
    let id = randomBytes(16).toString("base64url");
    while (id.startsWith("-")) id = randomBytes(16).toString("base64url");
    writeFileSync(file, `${id}\n`);
  }
  return readFileSync(file, "utf8").trim();
}

/** Format the KRaft storage once; a formatted log dir has meta.properties. */
function formatStorage(folder: RunFolder, classpath: string, options: LauncherOptions): void {
  if (existsSync(join(folder.dataDir, "meta.properties"))) return;
  const files = configFiles(folder.dir);
  options.log(`formatting Kafka storage in ${folder.dataDir}`);
  const result = spawnSync(
    "java",
    [
      "-cp",
      classpath,
      "kafka.tools.StorageTool",
      "format",
      "-t",
      clusterId(files.clusterId),
      "-c",
      files.server,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new UnavailableError(
      `Kafka storage format failed: ${result.stderr || result.stdout}`,
      result.error,
    );
  }
}

async function start(folder: RunFolder, options: KafkaLauncherOptions): Promise<KafkaEndpoint> {
  const started = Date.now();
  const classpath = mavenClasspath(POM, join(folder.dir, "lib"), options.log);
  const files = configFiles(folder.dir);
  const ports = await choosePorts(files.ports, {
    port: options.port,
    controllerPort: options.controllerPort,
  });
  writeFileSync(files.server, serverProperties(ports, folder.dataDir));
  writeFileSync(files.log4j, log4jProperties());
  formatStorage(folder, classpath, options);
  const jvm = [
    "-Xms256m",
    "-Xmx512m",
    "-Djava.awt.headless=true",
    `-Dlog4j.configuration=file:${files.log4j}`,
  ];
  const pid = startDetached(folder, "java", [...jvm, "-cp", classpath, "kafka.Kafka", files.server]);
  options.log(`started Kafka (pid ${pid}) on ${brokerOf(ports)}, waiting until it answers`);
  const ready = await pollUntil(
    async () => isAlive(pid) && (await kafkaAnswers(brokerOf(ports))),
    options.startTimeoutMs ?? 120_000,
    300,
  );
  if (!ready) {
    throw new UnavailableError(`Kafka did not come up on ${brokerOf(ports)}; log tail:\n${logTail(folder)}`);
  }
  options.log(`Kafka ready on ${brokerOf(ports)} in ${Date.now() - started} ms`);
  return { brokers: [brokerOf(ports)] };
}

/** Makes sure a local single-node Kafka runs (reusing a running one) and returns its bootstrap brokers. */
export async function ensureKafka(options: KafkaLauncherOptions): Promise<KafkaEndpoint> {
  const folder = runFolder(options.root, "kafka");
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  return withStartLock(join(folder.dir, "start.lock"), timeoutMs + 60_000, async () => {
    const pid = runningPid(folder);
    const ports = recordedPorts(folder);
    if (pid !== null && ports) {
      const up = await pollUntil(() => kafkaAnswers(brokerOf(ports)), 30_000, 300);
      if (up) {
        options.log(`reusing Kafka (pid ${pid}) on ${brokerOf(ports)}`);
        return { brokers: [brokerOf(ports)] };
      }
      options.log(`Kafka pid ${pid} does not answer; restarting it`);
      await stopRecorded(folder, 10_000);
    }
    return start(folder, options);
  });
}

/** Stops the local broker by its recorded pid; false when none was running. */
export function stopKafka(options: LauncherOptions): Promise<boolean> {
  return stopRecorded(runFolder(options.root, "kafka"));
}

/** Whether the local broker runs, its pid and address, and its run folder. */
export async function statusKafka(options: LauncherOptions): Promise<KafkaStatus> {
  const folder = runFolder(options.root, "kafka");
  const pid = runningPid(folder);
  const ports = recordedPorts(folder);
  const brokers = ports ? [brokerOf(ports)] : [];
  const running = pid !== null && ports !== undefined && (await kafkaAnswers(brokerOf(ports)));
  return { running, pid, brokers, runDir: folder.dir };
}
