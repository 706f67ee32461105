import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.ts";
import { defaultsFor } from "./defaults.ts";
import { describeAllowed } from "./describe-issue.ts";
import { type EnvEntry, envTable } from "./env-table.ts";
import { type Config, configSchema, type Profile } from "./schema.ts";

type Plain = Record<string, unknown>;
type Env = Readonly<Record<string, string | undefined>>;

/** Env strings become numbers or booleans only when they clearly are; anything else stays a string for zod to reject. */
function convert(entry: EnvEntry, raw: string): unknown {
  if (entry.kind === "int" && /^-?\d+$/.test(raw)) return Number(raw);
  if (entry.kind === "number" && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw);
  if (entry.kind === "bool") {
    if (["1", "true", "yes"].includes(raw)) return true;
    if (["0", "false", "no", ""].includes(raw)) return false;
  }
  return raw;
}

function setPath(target: Plain, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Plain;
  }
  node[path[path.length - 1] as string] = value;
}

function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    const bothObjects = isPlain(value) && isPlain(prior);
    out[key] = bothObjects ? deepMerge(prior as Plain, value as Plain) : value;
  }
  return out;
}

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readConfigFile(path: string): Plain {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConfigError(
      `RECSYS_CONFIG_FILE="${path}" cannot be read (${(cause as Error).message}): fix the path or unset it`,
    );
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isPlain(parsed)) throw new Error("the top level must be a JSON object");
    return parsed;
  } catch (cause) {
    throw new ConfigError(`RECSYS_CONFIG_FILE="${path}" is not valid JSON: ${(cause as Error).message}`);
  }
}

function envLayer(env: Env): { layer: Plain; sources: Map<string, EnvEntry> } {
  const layer: Plain = {};
  const sources = new Map<string, EnvEntry>();
  for (const entry of envTable) {
    const raw = env[entry.name];
    if (raw === undefined || entry.path.length === 0) continue;
    setPath(layer, entry.path, convert(entry, raw));
    sources.set(entry.path.join("."), entry);
  }
  return { layer, sources };
}

function unknownEnvNames(env: Env): string[] {
  const known = new Set(envTable.map((e) => e.name));
  return Object.keys(env).filter((name) => name.startsWith("RECSYS_") && !known.has(name));
}

/**
 * Build the configuration from defaults, then the optional JSON file, then `RECSYS_*` variables.
 * The only reader of the environment; throws one ConfigError line naming key, value and what is allowed.
 */
export function loadConfig(env: Env = process.env): Config {
  const unknown = unknownEnvNames(env);
  if (unknown.length > 0) {
    throw new ConfigError(
      `${unknown[0]} is not a Starling setting: see the configuration table in README.md`,
    );
  }
  const filePath = env.RECSYS_CONFIG_FILE;
  const file = filePath ? readConfigFile(filePath) : {};
  const { layer, sources } = envLayer(env);
  const profile = (layer.profile ?? file.profile ?? "embedded") as Profile;
  const stateDir = (layer.stateDir ?? file.stateDir ?? "var") as string;
  const defaults = defaultsFor(profile === "services" ? "services" : "embedded", String(stateDir));
  const merged = deepMerge(deepMerge(defaults as unknown as Plain, file), layer);
  const result = configSchema.safeParse(merged);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as (typeof result.error.issues)[number];
  const dotted = issue.path.join(".");
  const entry = sources.get(dotted);
  const where = entry ? entry.name : `${filePath ? "config file key " : ""}${dotted || "(top level)"}`;
  const value = entry ? env[entry.name] : valueAt(merged, issue.path);
  const shown = value === undefined ? "" : `=${JSON.stringify(value)}`;
  throw new ConfigError(
    `Invalid configuration: ${where}${shown} is not allowed; expected ${describeAllowed(issue)}`,
    dotted,
  );
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (isPlain(node) ? node[key as string] : undefined), root);
}
