export { defaultsFor } from "./defaults.ts";
export { type EnvEntry, envTable } from "./env-table.ts";
export { loadConfig } from "./load-config.ts";
export { type Config, configSchema, type Profile } from "./schema.ts";
export { type ExplicitServiceEndpoints, loadServiceEndpoints } from "./service-endpoints.ts";
