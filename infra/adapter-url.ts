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

/** The error for a scheme this build has no adapter for, saying what to do instead. */
export function unsupportedScheme(setting: string, scheme: string, allowed: readonly string[]): ConfigError {
  return new ConfigError(
    `${setting} uses ${scheme}://, which has no adapter in this build; use one of ${allowed.map((s) => `${s}://`).join(", ")} ` +
      "(the services adapters for Kafka, Redis, Cassandra and MySQL are not built yet) or RECSYS_PROFILE=embedded",
  );
}
