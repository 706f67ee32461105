import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureCassandra, stopCassandra } from "../../infra/local/cassandra/index.ts";
import { freePort } from "../../infra/local/free-port.ts";
import type { LauncherOptions } from "../../infra/local/index.ts";
import { ensureKafka, stopKafka } from "../../infra/local/kafka/index.ts";
import { mavenClasspath } from "../../infra/local/maven-classpath.ts";
import { secondsSince } from "./alternate.ts";

/** Start and stop times of one service over its starts, plus the one-off jar resolution. */
export interface StartTimes {
  jarSeconds: number;
  startSeconds: number[];
  stopSeconds: number[];
}

const pom = (service: string) =>
  fileURLToPath(new URL(`../../infra/local/${service}/pom.xml`, import.meta.url));

/**
 * Resolves the jars into the private run folder first (timed apart: Maven copies them from ~/.m2), then
 * starts from an empty data dir and stops, `starts` times. The launcher's own folder layout is kept:
 * `<root>/<service>/lib` and `<root>/<service>/data`.
 */
async function timeStarts(
  service: "kafka" | "cassandra",
  options: LauncherOptions,
  starts: number,
  start: () => Promise<unknown>,
  stop: () => Promise<boolean>,
): Promise<StartTimes> {
  const jarsStarted = performance.now();
  mavenClasspath(pom(service), join(options.root, service, "lib"), options.log);
  const times: StartTimes = { jarSeconds: secondsSince(jarsStarted), startSeconds: [], stopSeconds: [] };
  for (let i = 1; i <= starts; i++) {
    rmSync(join(options.root, service, "data"), { recursive: true, force: true });
    options.log(`${service} private cold start ${i}/${starts}`);
    const started = performance.now();
    try {
      await start();
      times.startSeconds.push(secondsSince(started));
    } finally {
      const stopping = performance.now();
      if (await stop()) times.stopSeconds.push(secondsSince(stopping));
    }
  }
  return times;
}

/** A private single-node Kafka on free ports in `options.root`; the shared broker is never touched. */
export async function kafkaColdStarts(options: LauncherOptions, starts: number): Promise<StartTimes> {
  const ports = { port: await freePort(), controllerPort: await freePort() };
  return timeStarts(
    "kafka",
    options,
    starts,
    () => ensureKafka({ ...options, ...ports, startTimeoutMs: 120_000 }),
    () => stopKafka(options),
  );
}

/** A private Cassandra node on free native and storage ports in `options.root`. */
export async function cassandraColdStarts(options: LauncherOptions, starts: number): Promise<StartTimes> {
  const ports = { nativePort: await freePort(), storagePort: await freePort() };
  return timeStarts(
    "cassandra",
    options,
    starts,
    () => ensureCassandra({ ...options, ...ports, startTimeoutMs: 180_000 }),
    () => stopCassandra(options),
  );
}
