import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_ITEM2VEC_PARAMS, type Item2VecParams } from "./params.ts";
import { plantedCluster, plantedTestCorpus } from "./planted-clusters.ts";
import { similar } from "./similar.ts";
import { trainItem2Vec } from "./train.ts";
import type { TrainProgress } from "./train-options.ts";
import { runWorkers } from "./worker-pool.ts";
import type { WorkerTask } from "./worker-protocol.ts";

const corpus = plantedTestCorpus(11);
const params: Item2VecParams = { ...DEFAULT_ITEM2VEC_PARAMS, dimension: 16, epochs: 5, threads: 2 };
const FIXTURE = new URL("./worker-pool.fixture.ts", import.meta.url);
const fakeTasks = (...modes: string[]) => modes.map((mode) => ({ mode }) as unknown as WorkerTask);

describe("trainItem2Vec with worker threads", () => {
  it("puts every item's top-5 neighbours in its planted cluster and reports each epoch", async () => {
    const seen: TrainProgress[] = [];
    const model = await trainItem2Vec(corpus, params, { onProgress: (p) => seen.push(p) });
    assert.ok(!(model.vectors.buffer instanceof SharedArrayBuffer), "the model owns a private copy");
    const pure = model.itemIds.filter((id) =>
      similar(model, id, 5).every((n) => plantedCluster(n.itemId) === plantedCluster(id)),
    );
    assert.ok(pure.length >= 95, `only ${pure.length} of 100 items have a pure top 5`);
    assert.deepEqual(
      seen.map((p) => p.epoch),
      [1, 2, 3, 4, 5],
    );
    assert.equal(seen.at(-1)?.tokensDone, corpus.tokens.length * 5);
  });

  it("rejects with the abort reason", async () => {
    const reason = new Error("stop");
    const controller = new AbortController();
    const run = trainItem2Vec(corpus, params, {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await assert.rejects(run, (error) => error === reason);
  });
});

describe("runWorkers", () => {
  const noEpochs = { onEpoch: () => {} };

  it("rejects with a worker's error", async () => {
    await assert.rejects(runWorkers(FIXTURE, fakeTasks("ok", "throw"), noEpochs), /planted worker failure/);
  });

  it("rejects when a worker exits before it is done", async () => {
    await assert.rejects(runWorkers(FIXTURE, fakeTasks("exit"), noEpochs), /exited early \(code 3\)/);
  });

  it("stops hanging workers on abort and on a failing progress handler", async () => {
    const controller = new AbortController();
    const aborted = runWorkers(FIXTURE, fakeTasks("hang", "hang"), {
      onEpoch: (done) => {
        if (done.every((epochs) => epochs === 1)) controller.abort(new Error("aborted"));
      },
      signal: controller.signal,
    });
    await assert.rejects(aborted, /aborted/);
    const failing = runWorkers(FIXTURE, fakeTasks("hang"), {
      onEpoch: () => {
        throw new Error("handler failed");
      },
    });
    await assert.rejects(failing, /handler failed/);
  });

  it("resolves once every worker is done", async () => {
    const epochs: number[][] = [];
    await runWorkers(FIXTURE, fakeTasks("ok", "ok"), { onEpoch: (done) => epochs.push([...done]) });
    assert.deepEqual(epochs.at(-1), [1, 1]);
  });
});
