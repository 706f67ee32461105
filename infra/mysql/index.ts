export {
  createMysqlControlStore,
  MysqlControlStore,
  type MysqlControlStoreDeps,
  type MysqlControlStoreOptions,
} from "./mysql-control-store.ts";
export { parseMysqlUrl, redacted, withDatabase } from "./mysql-url.ts";
