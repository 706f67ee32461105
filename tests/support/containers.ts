import type { ServiceEndpoints, ServiceName } from "./service-types.ts";

/** Starts the service in a container with testcontainers (only called when a Docker engine answers). */
export async function startContainer<N extends ServiceName>(name: N): Promise<ServiceEndpoints[N]> {
  const started = await startByName(name);
  return started as ServiceEndpoints[N];
}

async function startByName(name: ServiceName): Promise<ServiceEndpoints[ServiceName]> {
  switch (name) {
    case "kafka": {
      const { KafkaContainer } = await import("@testcontainers/kafka");
      const c = await new KafkaContainer("confluentinc/cp-kafka:7.9.0").withKraft().start();
      return { brokers: [`${c.getHost()}:${c.getMappedPort(9093)}`] };
    }
    case "redis": {
      const { RedisContainer } = await import("@testcontainers/redis");
      const c = await new RedisContainer("redis:7.4").start();
      return { url: c.getConnectionUrl() };
    }
    case "cassandra": {
      const { CassandraContainer } = await import("@testcontainers/cassandra");
      const c = await new CassandraContainer("cassandra:5.0").start();
      return { contactPoints: [c.getContactPoint()], localDataCenter: c.getDatacenter() };
    }
    case "mysql": {
      const { MySqlContainer } = await import("@testcontainers/mysql");
      const c = await new MySqlContainer("mysql:8.4").withRootPassword("test").start();
      return { url: `mysql://root:test@${c.getHost()}:${c.getPort()}/${c.getDatabase()}` };
    }
  }
}
