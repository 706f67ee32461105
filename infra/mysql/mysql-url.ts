import { ConfigError } from "../../core/errors.ts";

/** Where a mysql:// URL points: server credentials and the database the store uses. */
export interface MysqlTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

/** Database names the adapter creates: plain identifiers, so they never need escaping rules of their own. */
const DATABASE_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** Parse `mysql://user:pass@host:port/db`; the database part is required. */
export function parseMysqlUrl(url: string): MysqlTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      `"${redacted(url)}" is not a URL; expected mysql://user:password@host:port/database`,
    );
  }
  if (parsed.protocol !== "mysql:") {
    throw new ConfigError(`"${redacted(url)}" must start with mysql://`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!DATABASE_NAME.test(database)) {
    throw new ConfigError(
      `"${redacted(url)}" needs a database name of letters, digits and '_' after the host, e.g. mysql://root@127.0.0.1:3306/starling`,
    );
  }
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1") || "127.0.0.1",
    port: parsed.port === "" ? 3306 : Number(parsed.port),
    user: decodeURIComponent(parsed.username) || "root",
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The URL without its password, for messages and logs. */
export function redacted(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
}
