import { resolve } from "node:path";
import { Command } from "commander";
import { loadConfig } from "../../core/config/index.ts";
import { ensureService, type LocalServiceName, stopService } from "../../infra/local/index.ts";
import { runFolder, runningPid } from "../../infra/local/process-control.ts";
import { say } from "../cli-support.ts";

const ALL: readonly LocalServiceName[] = ["redis", "mysql", "kafka", "cassandra"];

function pick(names: string[]): LocalServiceName[] {
  if (names.length === 0) return [...ALL];
  const unknown = names.find((n) => !ALL.includes(n as LocalServiceName));
  if (unknown !== undefined) throw new Error(`unknown service "${unknown}"; choose from ${ALL.join(", ")}`);
  return names as LocalServiceName[];
}

function servicesRoot(): string {
  return resolve(loadConfig().stateDir, "services");
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The endpoint as the variables the test provider and the services profile read. */
function envLines(name: LocalServiceName, endpoint: Record<string, unknown>): string[] {
  const list = (v: unknown) => (v as string[]).join(",");
  if (name === "kafka") return [`KAFKA_BROKERS=${list(endpoint.brokers)}`];
  if (name === "cassandra") return [`CASSANDRA_CONTACT_POINTS=${list(endpoint.contactPoints)}`];
  if (name === "redis") return [`REDIS_URL=${endpoint.url}`];
  return [`MYSQL_URL=${endpoint.url}`];
}

/** `recsys services start|stop|status`: real services on this machine, from infra/local. */
export function servicesCommand(): Command {
  const services = new Command("services").description(
    "start, stop or inspect local Kafka, Cassandra, Redis and MySQL for the services profile and the tests",
  );
  services
    .command("start")
    .description(
      "start the named services (all by default), wait until ready, print their endpoints as VAR=value",
    )
    .argument("[names...]", `any of ${ALL.join(", ")}`)
    .action(async (names: string[]) => {
      for (const name of pick(names)) {
        const started = Date.now();
        const endpoint = (await ensureService(name, { root: servicesRoot(), log })) as Record<
          string,
          unknown
        >;
        log(`${name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        for (const line of envLines(name, endpoint)) say(line);
      }
    });
  services
    .command("stop")
    .description(
      "stop the named services (all by default) that these commands started, by their recorded pid",
    )
    .argument("[names...]", `any of ${ALL.join(", ")}`)
    .action(async (names: string[]) => {
      for (const name of pick(names).reverse()) {
        const stopped = await stopService(name, { root: servicesRoot(), log });
        say(`${name}: ${stopped ? "stopped" : "was not started here"}`);
      }
    });
  services
    .command("status")
    .description("show which services these commands started and are still running")
    .action(() => {
      for (const name of ALL) {
        const pid = runningPid(runFolder(servicesRoot(), name));
        say(`${name}: ${pid === null ? "not started here" : `running, pid ${pid}`}`);
      }
    });
  return services;
}
