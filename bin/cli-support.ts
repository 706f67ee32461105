import { InvalidArgumentError } from "commander";
import { createProgress, type ProgressOptions } from "../core/progress.ts";

/** Parses a positive integer option, accepting `1_000_000` and `1e6` style for large sizes. */
export function positiveInt(value: string): number {
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  return n;
}

/** A progress display on stderr for CLI commands. */
export function cliProgress(options: ProgressOptions) {
  return createProgress(options);
}

/** Writes one line to stdout, the command's output channel. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
