import assert from "node:assert/strict";
import { it } from "node:test";
import { ValidationError } from "../../../errors.ts";
import type { ControlStore, Experiment } from "../../control-store.ts";
import { experiment, uid } from "./fixture.ts";

/** Experiments, switches and reads of things that do not exist. */
export function experimentAndSwitchCases(getStore: () => ControlStore): void {
  it("stores, lists and replaces experiments", async () => {
    const store = getStore();
    const id = `exp-${uid()}`;
    const first = experiment(id);
    await store.putExperiment(first);
    assert.deepEqual(await store.getExperiment(id), first);
    assert.deepEqual(
      (await store.listExperiments()).filter((e) => e.id === id),
      [first],
    );
    const second = experiment(id, {
      description: "single arm",
      active: false,
      arms: [{ name: "only", weight: 0.5, params: {} }],
    });
    await store.putExperiment(second);
    assert.deepEqual(await store.getExperiment(id), second);
    assert.deepEqual(
      (await store.listExperiments()).filter((e) => e.id === id),
      [second],
    );
  });

  it("rejects invalid experiments and stores nothing", async () => {
    const store = getStore();
    const invalid: Experiment[] = [
      experiment(`exp-${uid()}`, { arms: [] }),
      experiment(`exp-${uid()}`, { arms: [{ name: "a", weight: 0, params: {} }] }),
      experiment(`exp-${uid()}`, { arms: [{ name: "a", weight: -1, params: {} }] }),
      experiment(`exp-${uid()}`, {
        arms: [
          { name: "same", weight: 1, params: {} },
          { name: "same", weight: 2, params: {} },
        ],
      }),
    ];
    for (const bad of invalid) {
      await assert.rejects(store.putExperiment(bad), ValidationError, `accepted ${JSON.stringify(bad.arms)}`);
      assert.equal(await store.getExperiment(bad.id), null);
    }
  });

  it("sets, overwrites and lists switches", async () => {
    const store = getStore();
    const p = uid();
    await store.setSwitch(`${p}-a`, "on");
    await store.setSwitch(`${p}-b`, "42");
    await store.setSwitch(`${p}-a`, "off");
    assert.equal(await store.getSwitch(`${p}-a`), "off");
    const all = await store.listSwitches();
    assert.equal(all[`${p}-a`], "off");
    assert.equal(all[`${p}-b`], "42");
  });

  it("reads missing things as null or empty", async () => {
    const store = getStore();
    const p = uid();
    assert.equal(await store.getExperiment(`${p}-none`), null);
    assert.equal(await store.getSwitch(`${p}-none`), null);
    assert.equal(await store.activeVersion(`${p}-none`), null);
    assert.deepEqual(await store.listVersions(`${p}-none`), []);
    assert.deepEqual(await store.getItems([`${p}-none`]), [null]);
    // An unknown genre has no descendants; whether it lists itself is left to the adapter.
    const unknownGenre = await store.genreWithDescendants(`${p}-none`);
    assert.deepEqual(
      unknownGenre.filter((name) => name !== `${p}-none`),
      [],
    );
    assert.equal((await store.activeVersions())[`${p}-none`], undefined);
  });
}
