import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { resolve as resolvePath } from "node:path";
import { loadConfig, loadServiceEndpoints } from "../../core/config/index.ts";
import { dockerAvailable } from "./docker-available.ts";

import type { ServiceEndpoints, ServiceName } from "./service-types.ts";

export type { ServiceEndpoints, ServiceName } from "./service-types.ts";

export type ServiceLookup<N extends ServiceName> = { endpoint: ServiceEndpoints[N] } | { skip: string };

const cache = new Map<ServiceName, Promise<ServiceLookup<ServiceName>>>();

function log(line: string): void {
  process.stderr.write(`# services: ${line}\n`);
}

function explicit<N extends ServiceName>(name: N): ServiceEndpoints[N] | undefined {
  const env = loadServiceEndpoints();
  const found: Partial<ServiceEndpoints> = {
    ...(env.kafkaBrokers ? { kafka: { brokers: env.kafkaBrokers } } : {}),
    ...(env.redisUrl ? { redis: { url: env.redisUrl } } : {}),
    ...(env.cassandraContactPoints
      ? { cassandra: { contactPoints: env.cassandraContactPoints, localDataCenter: "datacenter1" } }
      : {}),
    ...(env.mysqlUrl ? { mysql: { url: env.mysqlUrl } } : {}),
  };
  return found[name] as ServiceEndpoints[N] | undefined;
}

function javaAndMaven(): boolean {
  const ok = (cmd: string) => spawnSync(cmd, ["-version"], { stdio: "ignore" }).status === 0;
  return ok("java") && ok("mvn");
}

/** The local launchers of infra/local, one per service, each idempotent. */
async function startLocal<N extends ServiceName>(name: N): Promise<ServiceEndpoints[N] | undefined> {
  const root = resolvePath(loadConfig().stateDir, "services");
  const local = await import("../../infra/local/index.ts");
  if ((name === "kafka" || name === "cassandra") && !javaAndMaven()) return undefined;
  return (await local.ensureService(name, { root, log })) as ServiceEndpoints[N];
}

async function resolve<N extends ServiceName>(name: N): Promise<ServiceLookup<N>> {
  const given = explicit(name);
  if (given) return { endpoint: given };
  if (await dockerAvailable()) {
    const { startContainer } = await import("./containers.ts");
    return { endpoint: await startContainer(name) };
  }
  const local = await startLocal(name);
  if (local) return { endpoint: local };
  return { skip: `no ${name}: set its endpoint variable, run Docker, or install Java 17 and Maven` };
}

/**
 * Endpoint of a real service for integration tests: explicit settings, then testcontainers when Docker
 * answers, then the infra/local launchers. Without any, the tests are skipped with one line saying why,
 * unless RECSYS_REQUIRE_SERVICES=1, which fails the run instead.
 */
export async function realService<N extends ServiceName>(name: N): Promise<ServiceLookup<N>> {
  let pending = cache.get(name) as Promise<ServiceLookup<N>> | undefined;
  if (!pending) {
    pending = resolve(name).catch((error: Error) => ({
      skip: `${name} could not be started: ${error.message}`,
    }));
    cache.set(name, pending as Promise<ServiceLookup<ServiceName>>);
  }
  const found = await pending;
  if ("skip" in found) {
    if (loadServiceEndpoints().requireServices) {
      throw new Error(`RECSYS_REQUIRE_SERVICES=1 but ${found.skip}`);
    }
    log(`skipping ${name} tests: ${found.skip}`);
  }
  return found;
}

/** A short random name so each test file gets its own topics, keys, keyspace or database. */
export function testNamespace(prefix = "t"): string {
  return `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
}

/**
 * A test's own reason to skip (a binary missing, an endpoint it may not restart): returned as is, except under
 * RECSYS_REQUIRE_SERVICES=1, where a skipped real-service test would hide a broken CI setup, so it fails instead.
 */
export function skipUnlessRequired(reason: string | false): string | false {
  if (reason !== false && loadServiceEndpoints().requireServices) {
    throw new Error(`RECSYS_REQUIRE_SERVICES=1 but a real-service test would skip: ${reason}`);
  }
  if (reason !== false) log(`skipping: ${reason}`);
  return reason;
}
