import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { freePort } from "../free-port.ts";
import { tcpAnswers } from "../process-control.ts";
import type { KafkaPorts } from "./server-config.ts";

export const DEFAULT_PORTS: KafkaPorts = { port: 9092, controllerPort: 9093 };

/** `port` when it is free, else one the OS picks; 0 always means "any free port". */
async function freeOr(port: number): Promise<number> {
  if (port > 0 && !(await tcpAnswers("127.0.0.1", port, 500))) return port;
  return freePort();
}

/**
 * The ports of this run folder: recorded ones first (a restarted broker must keep its address), else the
 * requested or default ones when free, else free ones picked by the OS; recorded for later starts.
 */
export async function choosePorts(file: string, requested: Partial<KafkaPorts>): Promise<KafkaPorts> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as KafkaPorts;
  const wanted = {
    port: requested.port ?? DEFAULT_PORTS.port,
    controllerPort: requested.controllerPort ?? DEFAULT_PORTS.controllerPort,
  };
  const chosen: KafkaPorts = {
    port: await freeOr(wanted.port),
    controllerPort: await freeOr(wanted.controllerPort),
  };
  writeFileSync(file, `${JSON.stringify(chosen)}\n`);
  return chosen;
}
