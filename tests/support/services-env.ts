import { withDatabase } from "../../infra/mysql/index.ts";
import type { ServiceEndpoints } from "./service-types.ts";

/** The RECSYS_* settings of the services profile on these endpoints, with a keyspace and database per test. */
export function servicesEnv(endpoints: ServiceEndpoints, namespace: string): Record<string, string> {
  const { kafka, redis, cassandra, mysql } = endpoints;
  return {
    RECSYS_PROFILE: "services",
    RECSYS_EVENTLOG_URL: `kafka://${kafka.brokers.join(",")}`,
    RECSYS_CACHE_URL: redis.url,
    RECSYS_CACHE_COMMAND_TIMEOUT_MS: "2000",
    RECSYS_BULK_URL: `cassandra://${cassandra.contactPoints.join(",")}/${namespace}?dc=${cassandra.localDataCenter}`,
    RECSYS_CONTROL_URL: withDatabase(mysql.url, namespace),
  };
}
