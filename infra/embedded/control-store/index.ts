export { CONTROL_STORE_MIGRATIONS } from "./schema.ts";
export {
  createSqliteControlStore,
  SqliteControlStore,
  type SqliteControlStoreOptions,
} from "./sqlite-control-store.ts";
