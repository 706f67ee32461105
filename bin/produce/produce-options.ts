import { ConfigError } from "../../core/errors.ts";
import type { Pacing } from "./pacer.ts";

/** The flags of `recsys produce` as commander hands them over: strings, unparsed. */
export interface RawProduceOptions {
  readonly data?: string;
  readonly rate?: string;
  readonly speedup?: string;
  readonly clicks?: string;
  readonly limit?: string;
  readonly restamp?: boolean;
  readonly seed?: string;
}

/** Checked settings of one `recsys produce` run. */
export interface ProduceSettings {
  readonly data: string | undefined;
  readonly pacing: Pacing;
  readonly clickProbability: number;
  readonly limit: number | undefined;
  readonly restamp: boolean;
  readonly seed: number;
}

function numberFlag(flag: string, value: string, expected: string, ok: (n: number) => boolean): number {
  const trimmed = value.trim().replaceAll("_", "");
  const n = trimmed === "" ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(n) || !ok(n))
    throw new ConfigError(`${flag} must be ${expected}, got "${value}"`, flag);
  return n;
}

function pacingFrom(raw: RawProduceOptions): Pacing {
  if (raw.rate !== undefined && raw.speedup !== undefined) {
    throw new ConfigError(
      "--rate and --speedup cannot be used together: pick a fixed rate or a sped-up original pace",
      "--rate",
    );
  }
  if (raw.rate !== undefined) {
    const eventsPerSecond = numberFlag(
      "--rate",
      raw.rate,
      "a positive number of events per second",
      (n) => n > 0,
    );
    return { kind: "rate", eventsPerSecond };
  }
  if (raw.speedup !== undefined) {
    const factor = numberFlag("--speedup", raw.speedup, "a positive factor (e.g. 1000)", (n) => n > 0);
    return { kind: "speedup", factor };
  }
  return { kind: "unpaced" };
}

/** Checks the flags before anything is opened; a bad one is a ConfigError (exit code 2) naming it. */
export function parseProduceOptions(raw: RawProduceOptions): ProduceSettings {
  const clickProbability =
    raw.clicks === undefined
      ? 0
      : numberFlag("--clicks", raw.clicks, "a probability from 0 to 1", (n) => n >= 0 && n <= 1);
  const limit =
    raw.limit === undefined
      ? undefined
      : numberFlag(
          "--limit",
          raw.limit,
          "a positive whole number of events",
          (n) => Number.isInteger(n) && n > 0,
        );
  const seed =
    raw.seed === undefined
      ? 1
      : numberFlag("--seed", raw.seed, "a whole number from 0", (n) => Number.isSafeInteger(n) && n >= 0);
  if (raw.data !== undefined && raw.data.trim() === "") {
    throw new ConfigError("--data needs a folder: pass --data DIR or set RECSYS_DATA_DIR", "--data");
  }
  return {
    data: raw.data,
    pacing: pacingFrom(raw),
    clickProbability,
    limit,
    restamp: raw.restamp === true,
    seed,
  };
}
