import { ConfigError } from "../core/errors.ts";

/** The scheme and the rest of an adapter URL; `file://var/x` keeps `var/x` as a relative path. */
export function splitAdapterUrl(url: string, setting: string): { scheme: string; rest: string } {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/.exec(url);
  if (!match)
    throw new ConfigError(
      `${setting}="${url}" is not an adapter URL such as file://path or redis://host:port`,
    );
  return { scheme: match[1] as string, rest: match[2] as string };
}

/** A `file://` URL's path; fails with the setting's name when the path is empty. */
export function filePath(rest: string, setting: string): string {
  if (rest.length === 0)
    throw new ConfigError(`${setting} needs a path after file://, e.g. file://var/bulk.sqlite`);
  return rest;
}

/** `host:port[,host:port...]` from the part of a URL before any path or query. */
export function hostList(rest: string, setting: string, defaultPort: number): string[] {
  const hosts = (rest.split(/[/?]/, 1)[0] ?? "").split(",").filter((h) => h.length > 0);
  if (hosts.length === 0)
    throw new ConfigError(
      `${setting} names no host, e.g. ${setting.includes("KAFKA") ? "kafka://127.0.0.1:9092" : "cassandra://127.0.0.1:9042/starling"}`,
    );
  return hosts.map((h) => (/:\d+$/.test(h) ? h : `${h}:${defaultPort}`));
}

/** The path (first segment) and query parameters of a URL rest such as `h1,h2/keyspace?dc=x`. */
export function pathAndQuery(rest: string): { path: string; query: URLSearchParams } {
  const afterHosts = rest.slice((rest.split(/[/?]/, 1)[0] ?? "").length);
  const [path = "", query = ""] = afterHosts.replace(/^\//, "").split("?", 2);
  return { path, query: new URLSearchParams(query) };
}

/** The error for a scheme that has no adapter for this port, saying what to use instead. */
export function unsupportedScheme(setting: string, scheme: string, allowed: readonly string[]): ConfigError {
  return new ConfigError(
    `${setting} uses ${scheme}://, which has no adapter for this port; use one of ${allowed.map((s) => `${s}://`).join(", ")}`,
  );
}
