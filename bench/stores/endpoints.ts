import { join } from "node:path";
import { loadConfig } from "../../core/config/index.ts";
import type { LauncherOptions } from "../../infra/local/index.ts";
import { realService, type ServiceEndpoints, type ServiceName } from "../../tests/support/real-services.ts";
import { progress } from "./section-result.ts";

/** The shared launchers' options, the same root the integration tests use (`<stateDir>/services`). */
export function sharedLauncher(): LauncherOptions {
  return { root: join(loadConfig().stateDir, "services"), log: (line) => progress(line) };
}

/**
 * The service's endpoint as the integration tests find it (explicit variable, container, or the local
 * launchers, started or reused), or a string saying why there is none.
 */
export async function endpointOf<N extends ServiceName>(name: N): Promise<ServiceEndpoints[N] | string> {
  const found = await realService(name);
  return "endpoint" in found ? found.endpoint : found.skip;
}

/** A short random suffix for a namespace: topics, key prefix, keyspace. */
export const randomSuffix = () => Math.random().toString(36).slice(2, 10);
