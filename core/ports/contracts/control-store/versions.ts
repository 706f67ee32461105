import assert from "node:assert/strict";
import { it } from "node:test";
import { StarlingError } from "../../../errors.ts";
import type { ControlStore } from "../../control-store.ts";
import type { ContractHarness } from "../harness.ts";
import { waitFor } from "../wait-for.ts";
import { uid } from "./fixture.ts";

const FLIPS = 40;

/** Version staging and the atomic pointer switch; part of the ControlStore contract. */
export function versionSwitchCases(
  getStore: () => ControlStore,
  harness: ContractHarness<ControlStore>,
): void {
  it("stages a version idempotently without activating it", async () => {
    const store = getStore();
    const kind = `kind-${uid()}`;
    await store.stageVersion(kind, "v1");
    await store.stageVersion(kind, "v1");
    assert.deepEqual(await store.listVersions(kind), [
      { kind, version: "v1", status: "staged", activatedAt: null },
    ]);
    assert.equal(await store.activeVersion(kind), null);
    assert.equal((await store.activeVersions())[kind], undefined);
  });

  it("activates several kinds together and retires the previous versions", async () => {
    const store = getStore();
    const [a, b] = [`kind-${uid()}`, `kind-${uid()}`];
    for (const version of ["v1", "v2"]) {
      await store.stageVersion(a, version);
      await store.stageVersion(b, version);
    }
    await store.activateVersions({ [a]: "v1", [b]: "v1" });
    assert.equal(await store.activeVersion(a), "v1");
    const first = await store.activeVersions();
    assert.deepEqual([first[a], first[b]], ["v1", "v1"]);
    await harness.advance(10);
    await store.activateVersions({ [a]: "v2", [b]: "v2" });
    const second = await store.activeVersions();
    assert.deepEqual([second[a], second[b]], ["v2", "v2"]);
    for (const kind of [a, b]) {
      const byVersion = new Map((await store.listVersions(kind)).map((v) => [v.version, v]));
      assert.equal(byVersion.get("v1")?.status, "retired");
      assert.equal(byVersion.get("v2")?.status, "active");
      assert.equal(typeof byVersion.get("v1")?.activatedAt, "number");
      assert.ok((byVersion.get("v2")?.activatedAt ?? 0) > (byVersion.get("v1")?.activatedAt ?? Infinity));
    }
    await store.activateVersions({ [a]: "v1" });
    assert.equal(await store.activeVersion(a), "v1", "a retired version can be activated again (rollback)");
    assert.equal(await store.activeVersion(b), "v2");
    const statuses = (await store.listVersions(a)).map((v) => `${v.version}:${v.status}`).sort();
    assert.deepEqual(statuses, ["v1:active", "v2:retired"]);
  });

  it("refuses to activate a version that was never staged and changes nothing", async () => {
    const store = getStore();
    const [a, b] = [`kind-${uid()}`, `kind-${uid()}`];
    await store.stageVersion(a, "v1");
    await store.stageVersion(b, "v1");
    await store.activateVersions({ [a]: "v1", [b]: "v1" });
    await store.stageVersion(a, "v2");
    await assert.rejects(store.activateVersions({ [a]: "v2", [b]: "never-staged" }), StarlingError);
    await assert.rejects(store.activateVersions({ [`kind-${uid()}`]: "v1" }), StarlingError);
    assert.equal(await store.activeVersion(a), "v1");
    assert.equal(await store.activeVersion(b), "v1");
    const statuses = (await store.listVersions(a)).map((v) => `${v.version}:${v.status}`).sort();
    assert.deepEqual(statuses, ["v1:active", "v2:staged"]);
    assert.deepEqual(
      (await store.listVersions(b)).map((v) => `${v.version}:${v.status}`),
      ["v1:active"],
    );
  });

  it("a concurrent reader never sees a half-switched pair of versions", async () => {
    const writer = getStore();
    const reader = await harness.create();
    const kinds = [`kind-${uid()}`, `kind-${uid()}`] as const;
    try {
      for (const version of ["v1", "v2"]) {
        for (const kind of kinds) await writer.stageVersion(kind, version);
      }
      await writer.activateVersions({ [kinds[0]]: "v1", [kinds[1]]: "v1" });
      const observer = startPairReader(reader, kinds);
      try {
        for (let flip = 0; flip < FLIPS; flip++) {
          const version = flip % 2 === 0 ? "v2" : "v1";
          await writer.activateVersions({ [kinds[0]]: version, [kinds[1]]: version });
          // Two more completed reads means at least one read started after this switch committed.
          const target = observer.reads + 2;
          await waitFor(() => observer.reads >= target, {
            timeoutMs: 5000,
            intervalMs: 1,
            message: "reader progress",
          });
        }
      } finally {
        await observer.stop();
      }
      assert.deepEqual(observer.mixed, [], "reader saw a mixed or missing pair");
      assert.deepEqual([...observer.seen].sort(), ["v1/v1", "v2/v2"]);
      assert.ok(observer.reads >= FLIPS * 2);
    } finally {
      await reader.close();
    }
  });
}

interface PairReader {
  reads: number;
  readonly seen: Set<string>;
  readonly mixed: string[];
  stop(): Promise<void>;
}

/** Read both kinds' active versions in a loop until stopped, recording every pair seen. */
function startPairReader(reader: ControlStore, [a, b]: readonly [string, string]): PairReader {
  let running = true;
  const observer: PairReader = { reads: 0, seen: new Set(), mixed: [], stop: async () => {} };
  const loop = (async () => {
    while (running) {
      const snapshot = await reader.activeVersions();
      const pair = `${snapshot[a]}/${snapshot[b]}`;
      if (snapshot[a] === undefined || snapshot[a] !== snapshot[b]) observer.mixed.push(pair);
      observer.seen.add(pair);
      observer.reads++;
      // Yield to the event loop so the writer (and waitFor's timer) run between reads.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  })();
  observer.stop = async () => {
    running = false;
    await loop;
  };
  return observer;
}
