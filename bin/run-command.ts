import { ConfigError, StarlingError } from "../core/errors.ts";

/** Runs a CLI action; a failure becomes one readable line and a non-zero exit, never a stack trace. */
export async function runCommand(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`recsys: ${message}\n`);
    if (!(error instanceof StarlingError)) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  }
}
