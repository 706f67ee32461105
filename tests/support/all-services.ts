import { realService } from "./real-services.ts";
import type { ServiceEndpoints } from "./service-types.ts";

/** All four real services for a profile test, or the first reason one is missing (the test skips with it). */
export async function allServices(): Promise<{ endpoints: ServiceEndpoints } | { skip: string }> {
  const [kafka, redis, cassandra, mysql] = await Promise.all([
    realService("kafka"),
    realService("redis"),
    realService("cassandra"),
    realService("mysql"),
  ]);
  if ("skip" in kafka) return kafka;
  if ("skip" in redis) return redis;
  if ("skip" in cassandra) return cassandra;
  if ("skip" in mysql) return mysql;
  return {
    endpoints: {
      kafka: kafka.endpoint,
      redis: redis.endpoint,
      cassandra: cassandra.endpoint,
      mysql: mysql.endpoint,
    },
  };
}
