import { mkdir } from "node:fs/promises";
import { systemClock } from "../../../core/clock.ts";
import { ValidationError } from "../../../core/errors.ts";
import { silentLogger } from "../../../core/logger.ts";
import { lockDir } from "./dir-lock.ts";
import { FileEventLog, type FileEventLogOptions, type FileEventLogSettings } from "./file-event-log.ts";
import { OffsetStore } from "./offset-store.ts";
import { TopicRegistry } from "./topic-registry.ts";

/** Open (or create) an embedded, file-backed event log in `options.dir`. */
export async function createFileEventLog(options: FileEventLogOptions): Promise<FileEventLog> {
  const settings: FileEventLogSettings = {
    dir: options.dir,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    fsync: options.fsync ?? true,
    pollIntervalMs: options.pollIntervalMs ?? 500,
  };
  checkOptions(settings);
  await mkdir(settings.dir, { recursive: true });
  const releaseLock = await lockDir(settings.dir);
  try {
    const { dir, fsync } = settings;
    const logger = settings.logger.child("event-log");
    const topics = await TopicRegistry.open({ dir, fsync, logger });
    const offsets = await OffsetStore.open(dir, fsync).catch(async (error: unknown) => {
      await topics.close();
      throw error;
    });
    return new FileEventLog({ ...settings, logger }, topics, offsets, releaseLock);
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

function checkOptions(settings: FileEventLogSettings): void {
  if (typeof settings.dir !== "string" || settings.dir.length === 0) {
    throw new ValidationError("event log dir must be a non-empty path", [
      { field: "dir", message: "required" },
    ]);
  }
  // A zero interval would turn idle consumers into busy loops.
  if (!Number.isFinite(settings.pollIntervalMs) || settings.pollIntervalMs < 1) {
    throw new ValidationError("pollIntervalMs must be at least 1", [
      { field: "pollIntervalMs", message: "too small" },
    ]);
  }
}
