import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventLogContract } from "../../../core/ports/contracts/event-log.contract.ts";
import type { EventLog } from "../../../core/ports/event-log.ts";
import { createFileEventLog } from "./index.ts";

const dir = await mkdtemp(join(tmpdir(), "starling-event-log-contract-"));
const opened: EventLog[] = [];

eventLogContract("FileEventLog", {
  async create() {
    const log = await createFileEventLog({ dir, pollIntervalMs: 100 });
    opened.push(log);
    return log;
  },
  // The log keeps no TTLs, so there is nothing for time to expire.
  advance: async () => {},
  async cleanup() {
    await Promise.all(opened.map((log) => log.close()));
    await rm(dir, { recursive: true, force: true });
  },
});
