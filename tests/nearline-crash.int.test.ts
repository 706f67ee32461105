import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { systemClock } from "../core/clock.ts";
import { loadConfig } from "../core/config/index.ts";
import { silentLogger } from "../core/logger.ts";
import { waitFor } from "../core/ports/contracts/wait-for.ts";
import { type Adapters, createAdapters } from "../infra/create-adapters.ts";
import { allServices } from "./support/all-services.ts";
import {
  createScenarioTopics,
  loadNearlineDataset,
  produceEvents,
  publishReferenceData,
  ratingEvent,
} from "./support/nearline-dataset.ts";
import { expectedState } from "./support/nearline-expected.ts";
import { progress, readDeadLetters, scenarioSettings, waitForDrain } from "./support/nearline-harness.ts";
import { removeServicesNamespace, scenarioServicesEnv } from "./support/nearline-services-profile.ts";
import { assertStateMatches } from "./support/nearline-state-check.ts";
import { testNamespace } from "./support/real-services.ts";
import { type RunningCli, startRecsys } from "./support/recsys-cli.ts";

const services = await allServices();
const skip = "skip" in services ? services.skip : false;
const endpoints = "endpoints" in services ? services.endpoints : undefined;
const data = await loadNearlineDataset(60);
const METRICS_LINE = /metrics on (http:\/\/\S+\/metrics)/;

/** Starts `recsys nearline` and waits until it joined the group and printed where its metrics are. */
async function startProcess(env: Record<string, string>): Promise<RunningCli & { metricsUrl: string }> {
  const cli = startRecsys(["nearline"], env);
  await cli.waitForOutput(METRICS_LINE, 90_000);
  return { ...cli, metricsUrl: METRICS_LINE.exec(cli.output())?.[1] as string };
}

// K3 of docs/reliability.md: the `recsys nearline` process killed with SIGKILL while it has lag.
describe("recsys nearline killed with SIGKILL mid-stream", { skip }, () => {
  const namespace = testNamespace("nlkill");
  const children: RunningCli[] = [];
  let stores: Adapters | undefined;

  after(async () => {
    for (const child of children) if (child.child.exitCode === null) child.child.kill("SIGKILL");
    await stores?.close();
    if (endpoints) await removeServicesNamespace(endpoints, namespace);
  });

  it("restarts and ends with the state of an uninterrupted run", async (t) => {
    if (!endpoints) return;
    const env = {
      ...scenarioServicesEnv(endpoints, namespace),
      RECSYS_NEARLINE_METRICS_PORT: "0",
      RECSYS_LOG_LEVEL: "warn",
    };
    const config = loadConfig(env);
    stores = await createAdapters(config, {
      clock: systemClock,
      logger: silentLogger,
      cacheMode: "nearline",
    });
    await publishReferenceData(stores, data);
    await createScenarioTopics(stores.eventLog, config.eventLog.partitions);
    await produceEvents(stores.eventLog, data.ratings.map(ratingEvent));
    const open = stores;
    const first = await startProcess(env);
    children.push(first);
    let atKill = { applied: 0, end: 0 };
    const started = async () => {
      atKill = await progress(open);
      return atKill.applied > 0;
    };
    await waitFor(started, { timeoutMs: 60_000, intervalMs: 5, message: "the first applied batch" });
    first.child.kill("SIGKILL");
    await first.exited();
    assert.ok(atKill.applied < atKill.end, `killed with lag left: ${JSON.stringify(atKill)}`);
    t.diagnostic(`killed after ${atKill.applied} of ${atKill.end} records were applied`);
    const second = await startProcess(env);
    children.push(second);
    await waitForDrain(open, 120_000, second.output);
    await assertStateMatches(open.cache, expectedState(data, scenarioSettings(config)));
    assert.deepEqual(await readDeadLetters(open.eventLog), []);
    const metrics = await fetch(second.metricsUrl);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /^starling_nearline_events_total\{[^}]*outcome="applied"[^}]*\} \d+/m);
    second.child.kill("SIGTERM");
    assert.equal(await second.exited(), 0, second.output());
  });
});
