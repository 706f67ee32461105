export type ServiceName = "kafka" | "redis" | "cassandra" | "mysql";

/** How to reach each real service. */
export interface ServiceEndpoints {
  kafka: { brokers: string[] };
  redis: { url: string };
  cassandra: { contactPoints: string[]; localDataCenter: string };
  mysql: { url: string };
}
