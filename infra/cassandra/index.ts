export {
  CassandraBulkStore,
  type CassandraBulkStoreDeps,
  createCassandraBulkStore,
} from "./cassandra-bulk-store.ts";
export { migrationFiles } from "./migrations.ts";
export type { CassandraBulkStoreOptions, CassandraReplication } from "./options.ts";
