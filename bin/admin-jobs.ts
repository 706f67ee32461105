import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../core/config/index.ts";
import { ValidationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { StoreAdapters } from "../infra/create-adapters.ts";
import { rollback } from "../offline/jobs/publish/index.ts";
import type { RetrainOutcome, RollbackTarget } from "../online/routes/admin.ts";
import { jobDepsOn } from "./offline-deps.ts";

const RECSYS = join(import.meta.dirname, "recsys.ts");

/**
 * What the admin API's job endpoints run. A retrain is a separate `recsys offline train` process (training is
 * CPU-bound for minutes and must not stall this server's event loop), one at a time, logging to a file; a
 * rollback is a few control-store writes, done in process.
 */
export function createAdminJobs(
  stores: Pick<StoreAdapters, "cache" | "bulk" | "control">,
  config: Config,
  logger: Logger,
) {
  let running: ChildProcess | null = null;
  return {
    async retrain(): Promise<RetrainOutcome> {
      if (running !== null)
        return { started: false, detail: `a retrain is already running (pid ${running.pid})` };
      const logDir = join(config.stateDir, "logs");
      mkdirSync(logDir, { recursive: true });
      const logFile = join(logDir, `retrain-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
      const out = openSync(logFile, "a");
      const child = spawn(process.execPath, [...process.execArgv, RECSYS, "offline", "train"], {
        stdio: ["ignore", out, out],
        env: process.env,
      });
      running = child;
      child.once("exit", (code, signal) => {
        running = null;
        const level = code === 0 ? "info" : "warn";
        logger[level]("retrain finished", { code, signal, logFile });
      });
      child.once("error", (error) => {
        running = null;
        logger.warn("retrain could not start", { message: error.message });
      });
      return {
        started: true,
        detail: `recsys offline train started (pid ${child.pid}); output in ${logFile}`,
      };
    },
    async rollback(target: RollbackTarget): Promise<unknown> {
      if (target.version !== undefined || target.kind !== undefined) {
        const field = target.version !== undefined ? "version" : "kind";
        throw new ValidationError(
          `${field}: a rollback always returns every pointer to the previously promoted version; send {}`,
          [{ field, message: "not supported: send an empty body" }],
        );
      }
      return rollback(await jobDepsOn(stores, config, logger));
    },
  };
}
