import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Logger } from "../../core/logger.ts";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import type { Experiment } from "../../core/ports/control-store.ts";
import { createSqliteControlStore } from "../../infra/embedded/control-store/index.ts";
import { directGuard } from "../resilience/types.ts";
import { armFor } from "./bucketing.ts";
import { createExperimentRegistry, pickRunning, QUOTAS_SWITCH } from "./experiment-registry.ts";

function recordingLogger() {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }),
    error: () => {},
    child: () => logger,
  };
  return { logger, warnings };
}

const experiment = (id: string, over: Partial<Experiment> = {}): Experiment => ({
  id,
  description: "",
  active: true,
  arms: [
    { name: "control", weight: 1, params: { model: "ranker" } },
    { name: "treatment", weight: 1, params: { model: "embedding", quotas: { trending: 40 } } },
  ],
  ...over,
});

function setup(refreshMs = 60_000) {
  const control = createSqliteControlStore({ path: ":memory:" });
  const { logger, warnings } = recordingLogger();
  const registry = createExperimentRegistry(
    { control, guard: directGuard, logger },
    { refreshMs, timeoutMs: 500 },
  );
  return { control, registry, warnings };
}

const USERS = Array.from({ length: 200 }, (_, i) => `u${i}`);

describe("createExperimentRegistry", () => {
  it("assigns nobody and no quotas while nothing is configured", async () => {
    const { control, registry } = setup();
    await registry.start();
    registry.stop();
    assert.equal(registry.assign("u1"), null);
    assert.equal(registry.running(), null);
    assert.deepEqual(registry.quotas(), {});
    await control.close();
  });

  it("assigns each user the arm of the running experiment with its parsed params", async () => {
    const { control, registry } = setup();
    await control.putExperiment(experiment("exp-1"));
    await registry.refresh();
    const exp = experiment("exp-1");
    for (const user of USERS) {
      const expected = armFor("exp-1", user, exp.arms);
      const assignment = registry.assign(user);
      assert.equal(assignment?.experimentId, "exp-1");
      assert.equal(assignment?.arm, expected?.name);
      assert.deepEqual(assignment?.params, expected?.params);
    }
    assert.deepEqual(
      new Set(USERS.map((user) => registry.assign(user)?.arm)),
      new Set(["control", "treatment"]),
    );
    await control.close();
  });

  it("runs the first active experiment by id, skipping inactive ones", async () => {
    const { control, registry } = setup();
    await control.putExperiment(experiment("b-second"));
    await control.putExperiment(experiment("a-off", { active: false }));
    await control.putExperiment(experiment("c-third"));
    await registry.refresh();
    assert.equal(registry.running()?.id, "b-second");
    assert.equal(registry.assign("u1")?.experimentId, "b-second");
    await control.close();
  });

  it("picks by id and ignores experiments without a positive weight (store-independent)", () => {
    const zero = experiment("a", { arms: [{ name: "x", weight: 0, params: {} }] });
    assert.equal(pickRunning([experiment("c"), zero, experiment("b")])?.id, "b");
    assert.equal(pickRunning([]), null);
  });

  it("ignores an arm with invalid params: its users get no assignment, one warning per problem", async () => {
    const { control, registry, warnings } = setup();
    const withBadArm = experiment("exp-bad", {
      arms: [
        { name: "good", weight: 1, params: { model: "ranker" } },
        { name: "bad", weight: 1, params: { model: "magic" } },
      ],
    });
    await control.putExperiment(withBadArm);
    await registry.refresh();
    await registry.refresh();
    for (const user of USERS) {
      const inBad = armFor("exp-bad", user, withBadArm.arms)?.name === "bad";
      const assignment = registry.assign(user);
      if (inBad) assert.equal(assignment, null, user);
      else assert.equal(assignment?.arm, "good", user);
    }
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.fields?.arm, "bad");
    assert.match(String(warnings[0]?.fields?.problem), /^model:/);
    await control.close();
  });

  it("reads quotas from the switch; invalid JSON keeps the last good quotas; unset means none", async () => {
    const { control, registry, warnings } = setup();
    await control.setSwitch(QUOTAS_SWITCH, '{"trending":30,"genre":10}');
    await registry.refresh();
    assert.deepEqual(registry.quotas(), { trending: 30, genre: 10 });
    await control.setSwitch(QUOTAS_SWITCH, "{not json");
    await registry.refresh();
    assert.deepEqual(registry.quotas(), { trending: 30, genre: 10 });
    await control.setSwitch(QUOTAS_SWITCH, '{"trending":9000}');
    await registry.refresh();
    assert.deepEqual(registry.quotas(), { trending: 30, genre: 10 });
    assert.equal(warnings.length, 2);
    await control.close();
  });

  it("keeps the last known experiment and quotas when the ControlStore is down", async () => {
    const { control, registry, warnings } = setup();
    await control.putExperiment(experiment("exp-1"));
    await control.setSwitch(QUOTAS_SWITCH, '{"trending":30}');
    await registry.refresh();
    const before = registry.assign("u7");
    await control.close();
    await registry.refresh();
    assert.deepEqual(registry.assign("u7"), before);
    assert.equal(registry.running()?.id, "exp-1");
    assert.deepEqual(registry.quotas(), { trending: 30 });
    assert.deepEqual(
      warnings.map((w) => w.message),
      ["could not read experiments; keeping the last known", "could not read quotas; keeping the last known"],
    );
  });

  it("re-reads every refreshMs after start until stopped", async () => {
    const { control, registry } = setup(100);
    await registry.start();
    assert.equal(registry.running(), null);
    await control.putExperiment(experiment("exp-late"));
    await waitFor(() => registry.running()?.id === "exp-late", { timeoutMs: 2000, message: "the refresh" });
    registry.stop();
    await control.putExperiment(experiment("exp-late", { active: false }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(registry.running()?.id, "exp-late", "no refresh after stop");
    await control.close();
  });
});
