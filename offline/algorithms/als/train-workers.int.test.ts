import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AlsParams } from "./params.ts";
import { PLANTED_GROUPS, plantedData, plantedInteractions, plantedParams } from "./planted.fixture.ts";
import { plantedAuc } from "./planted-auc.ts";
import { trainImplicitAls } from "./train.ts";
import type { AlsProgress } from "./train-options.ts";
import { WorkerTeam } from "./worker-team.ts";

const GROUPS = PLANTED_GROUPS;
const data = plantedData;
const interactions = plantedInteractions;
const params: AlsParams = { ...plantedParams, threads: 2 };
const FIXTURE = new URL("./worker-team.fixture.ts", import.meta.url);

describe("trainImplicitAls with worker threads", () => {
  it("recovers the planted groups and matches one thread exactly", async () => {
    const seen: AlsProgress[] = [];
    const model = await trainImplicitAls(interactions, params, { onProgress: (p) => seen.push(p) });
    assert.ok(!(model.userFactors.buffer instanceof SharedArrayBuffer), "the model owns a private copy");
    const auc = plantedAuc(model, data, GROUPS);
    assert.ok(auc > 0.9, `AUC ${auc}`);
    assert.equal(seen.length, 10);
    // Rows are solved independently against one Gram matrix, so splitting them changes no arithmetic.
    const single = await trainImplicitAls(interactions, { ...params, threads: 1 });
    assert.deepEqual(model.userFactors, single.userFactors);
    assert.deepEqual(model.itemFactors, single.itemFactors);
  });

  it("runs the exact solver in workers too", async () => {
    const exact = { ...params, solver: "cholesky" as const, iterations: 3 };
    const parallel = await trainImplicitAls(interactions, exact);
    const single = await trainImplicitAls(interactions, { ...exact, threads: 1 });
    assert.deepEqual(parallel.itemFactors, single.itemFactors);
  });

  it("rejects with the abort reason", async () => {
    const reason = new Error("stop");
    const controller = new AbortController();
    const run = trainImplicitAls(interactions, params, {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await assert.rejects(run, (error) => error === reason);
  });
});

describe("WorkerTeam", () => {
  const tasks = (...modes: string[]) => modes.map((mode) => ({ mode }));

  it("resolves a run once every worker has answered, for as many runs as asked", async () => {
    const team = new WorkerTeam<number>(FIXTURE, tasks("ok", "ok", "ok"));
    await team.run([1, 2, 3]);
    await team.run([4, 5, 6]);
    await team.close();
    await assert.rejects(team.run([7, 8, 9]), /closed/);
  });

  it("rejects this run and later ones with a worker's error", async () => {
    const team = new WorkerTeam<number>(FIXTURE, tasks("ok", "throw"));
    await assert.rejects(team.run([1, 2]), /planted worker failure/);
    await assert.rejects(team.run([1, 2]), /planted worker failure/);
    await team.close();
  });

  it("rejects when a worker exits early", async () => {
    const team = new WorkerTeam<number>(FIXTURE, tasks("exit", "ok"));
    await assert.rejects(team.run([1, 2]), /worker 0 exited early \(code 3\)/);
    await team.close();
  });

  it("rejects a run that a worker never answers once the signal aborts", async () => {
    const controller = new AbortController();
    const team = new WorkerTeam<number>(FIXTURE, tasks("ok", "silent"), controller.signal);
    const run = team.run([1, 2]);
    controller.abort(new Error("gave up"));
    await assert.rejects(run, /gave up/);
    await team.close();
  });
});
