import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadServiceEndpoints } from "../../core/config/index.ts";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import type { EventLog } from "../../core/ports/event-log.ts";
import { realService, skipUnlessRequired } from "../../tests/support/real-services.ts";
import { ensureKafka, statusKafka, stopKafka } from "../local/kafka/index.ts";
import { isAlive } from "../local/process-control.ts";
import { createKafkaEventLog } from "./create-kafka-event-log.ts";
import { testLogger, testOptions } from "./kafka-test-support.ts";

const service = await realService("kafka");
// The broker is killed, so it is a private one from the launcher (own run folder, free ports): the shared
// broker other test files use in parallel stays up.
const skip =
  "skip" in service
    ? service.skip
    : skipUnlessRequired(
        loadServiceEndpoints().kafkaBrokers
          ? "KAFKA_BROKERS names an external broker; the kill test needs a broker started by infra/local/kafka"
          : false,
      );

/** Produce numbered records until stopped, keeping the values whose produce resolved. */
function producing(log: EventLog, topic: string) {
  const acked = new Set<string>();
  const failures: string[] = [];
  let running = true;
  const done = (async () => {
    for (let n = 0; running; n += 1) {
      const records = Array.from({ length: 5 }, (_, i) => ({
        key: `user-${(n * 5 + i) % 11}`,
        value: `${n}.${i}`,
      }));
      try {
        await log.produce(topic, records);
        for (const r of records) acked.add(r.value);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  })();
  return {
    acked,
    failures,
    stop: () => {
      running = false;
      return done;
    },
  };
}

describe("KafkaEventLog across a broker kill -9 and restart", { skip }, () => {
  const root = mkdtempSync(join(tmpdir(), "starling-kafka-kill-"));
  const launcher = { root, log: () => undefined, port: 0, controllerPort: 0 };
  after(async () => {
    await stopKafka(launcher);
    rmSync(root, { recursive: true, force: true });
  });

  it("consumes every record whose produce resolved, after the broker died mid-production", {
    timeout: 240_000,
  }, async (t) => {
    const { brokers } = await ensureKafka(launcher);
    const log = await createKafkaEventLog(
      { logger: testLogger() },
      testOptions(brokers, "kill", { produceTimeoutMs: 60_000 }),
    );
    try {
      await log.createTopics([{ name: "ingest", partitions: 3 }]);
      const load = producing(log, "ingest");
      await waitFor(() => load.acked.size >= 500, { timeoutMs: 30_000, message: "acks before the kill" });
      const { pid } = await statusKafka(launcher);
      assert.ok(pid !== null, "the launcher recorded the broker pid");
      process.kill(pid, "SIGKILL");
      await waitFor(() => !isAlive(pid), { timeoutMs: 10_000, message: "broker dead" });
      const atKill = load.acked.size;
      const restarted = await ensureKafka(launcher);
      assert.deepEqual(restarted.brokers, brokers, "same address after the restart");
      await waitFor(() => load.acked.size >= atKill + 500, {
        timeoutMs: 90_000,
        message: "acks after the restart",
      });
      await load.stop();
      const seen = new Set<string>();
      await log.subscribe({
        groupId: "verify",
        topics: ["ingest"],
        fromBeginning: true,
        handler: async (batch) => {
          for (const r of batch.records) if (r.value !== null) seen.add(r.value);
        },
      });
      const missing = () => [...load.acked].filter((v) => !seen.has(v));
      await waitFor(() => missing().length === 0, { timeoutMs: 60_000 }).catch(async (error: Error) => {
        const ends = await log.endOffsets("ingest");
        const gone = missing();
        throw new Error(
          `${error.message}: ${gone.length} acked records never consumed (${gone.slice(0, 5)}), ends ${ends}`,
        );
      });
      t.diagnostic(
        `acked ${load.acked.size} (${atKill} before the kill), ${load.failures.length} produce calls failed: ${[...new Set(load.failures)].join(" | ")}`,
      );
    } finally {
      await log.close();
    }
  });
});
