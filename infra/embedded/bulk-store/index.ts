export { BULK_STORE_MIGRATIONS } from "./schema.ts";
export { createSqliteBulkStore, SqliteBulkStore, type SqliteBulkStoreOptions } from "./sqlite-bulk-store.ts";
