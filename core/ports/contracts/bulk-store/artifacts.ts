import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { it } from "node:test";
import type { BulkStore } from "../../bulk-store.ts";
import type { ContractHarness } from "../harness.ts";
import { bytes, collect, sameBytes, uid } from "./fixture.ts";

/** Versioned artifacts: reads, overwrites, byte-exact values, key order, version listing and deletion. */
export function artifactCases(getStore: () => BulkStore, harness: ContractHarness<BulkStore>): void {
  it("reads back what was put; missing keys and versions read as null", async () => {
    const store = getStore();
    const kind = `k-${uid()}`;
    await store.putArtifacts(kind, "v1", [
      { key: "a", value: bytes("alpha") },
      { key: "b", value: bytes("beta") },
    ]);
    sameBytes(await store.getArtifact(kind, "v1", "a"), bytes("alpha"), "a");
    assert.equal(await store.getArtifact(kind, "v1", "missing"), null);
    assert.equal(await store.getArtifact(kind, "v-unknown", "a"), null);
    const many = await store.getArtifacts(kind, "v1", ["b", "missing", "a"]);
    assert.equal(many.length, 3);
    sameBytes(many[0], bytes("beta"), "b");
    assert.equal(many[1], null);
    sameBytes(many[2], bytes("alpha"), "a");
    assert.deepEqual(await store.getArtifacts(kind, "v-unknown", ["a", "b"]), [null, null]);
  });

  it("replaces the value when the same key is written again, keeping other keys", async () => {
    const store = getStore();
    const kind = `k-${uid()}`;
    await store.putArtifacts(kind, "v1", [
      { key: "a", value: bytes("old") },
      { key: "b", value: bytes("kept") },
    ]);
    await store.putArtifacts(kind, "v1", [{ key: "a", value: bytes("new") }]);
    sameBytes(await store.getArtifact(kind, "v1", "a"), bytes("new"), "a");
    sameBytes(await store.getArtifact(kind, "v1", "b"), bytes("kept"), "b");
    assert.deepEqual(await collect(store.listArtifactKeys(kind, "v1")), ["a", "b"]);
  });

  it("round-trips values byte-exactly: empty, zero bytes, every byte value, 1 MB", async () => {
    const store = getStore();
    const kind = `k-${uid()}`;
    const large = randomBytes(1024 * 1024);
    large.fill(0, 1000, 2000);
    const values: Record<string, Uint8Array> = {
      empty: new Uint8Array(0),
      zeros: new Uint8Array([0, 0, 0]),
      every: Uint8Array.from({ length: 256 }, (_, i) => i),
      large: new Uint8Array(large),
      view: new Uint8Array([9, 0, 8, 0, 7]).subarray(1, 4),
    };
    await store.putArtifacts(
      kind,
      "v1",
      Object.entries(values).map(([key, value]) => ({ key, value })),
    );
    for (const [key, value] of Object.entries(values)) {
      sameBytes(await store.getArtifact(kind, "v1", key), value, key);
    }
    const both = await store.getArtifacts(kind, "v1", ["large", "zeros"]);
    sameBytes(both[0], large, "large (batch)");
    sameBytes(both[1], new Uint8Array([0, 0, 0]), "zeros (batch)");
  });

  it("lists a version's keys in key order, and nothing for an unknown version", async () => {
    const store = getStore();
    const kind = `k-${uid()}`;
    const keys = Array.from({ length: 40 }, (_, i) => `key-${String((i * 17) % 40).padStart(3, "0")}`);
    keys.push("A", "Z-last", "a", "item:1", "item:10", "item:2");
    await store.putArtifacts(
      kind,
      "v1",
      keys.map((key) => ({ key, value: bytes(key) })),
    );
    assert.deepEqual(await collect(store.listArtifactKeys(kind, "v1")), [...keys].sort());
    assert.deepEqual(await collect(store.listArtifactKeys(kind, "v-unknown")), []);
    assert.deepEqual(await collect(store.listArtifactKeys(`k-${uid()}`, "v1")), []);
  });

  it("lists versions newest first with their entry counts", async () => {
    const store = getStore();
    const kind = `k-${uid()}`;
    // Names sort opposite to age, so only creation time can give the right order.
    await store.putArtifacts(
      kind,
      "v-b-older",
      [1, 2, 3].map((i) => ({ key: `k${i}`, value: bytes(`${i}`) })),
    );
    const [older] = await store.listVersions(kind);
    await harness.advance(20);
    await store.putArtifacts(
      kind,
      "v-a-newer",
      [1, 2, 3, 4, 5].map((i) => ({ key: `k${i}`, value: bytes(`${i}`) })),
    );
    await harness.advance(20);
    await store.putArtifacts(kind, "v-b-older", [{ key: "k1", value: bytes("again") }]);
    const versions = await store.listVersions(kind);
    assert.deepEqual(
      versions.map((v) => [v.kind, v.version, v.entries]),
      [
        [kind, "v-a-newer", 5],
        [kind, "v-b-older", 3],
      ],
    );
    assert.equal(versions[1]?.createdAt, older?.createdAt, "rewriting a key keeps the version's createdAt");
    assert.ok((versions[0]?.createdAt ?? 0) > (versions[1]?.createdAt ?? 0));
    assert.deepEqual(await store.listVersions(`k-${uid()}`), []);
  });

  it("deletes a version's entries and listing; other versions stay", async () => {
    const store = getStore();
    const kind = `k-${uid()}`;
    await store.putArtifacts(kind, "v1", [{ key: "a", value: bytes("1") }]);
    await store.putArtifacts(kind, "v2", [{ key: "a", value: bytes("2") }]);
    await store.deleteVersion(kind, "v1");
    assert.equal(await store.getArtifact(kind, "v1", "a"), null);
    assert.deepEqual(await store.getArtifacts(kind, "v1", ["a"]), [null]);
    assert.deepEqual(await collect(store.listArtifactKeys(kind, "v1")), []);
    assert.deepEqual(
      (await store.listVersions(kind)).map((v) => v.version),
      ["v2"],
    );
    sameBytes(await store.getArtifact(kind, "v2", "a"), bytes("2"), "v2 a");
  });

  it("deleting an unknown version is a no-op", async () => {
    const store = getStore();
    const kind = `k-${uid()}`;
    await store.deleteVersion(kind, "never-written");
    await store.putArtifacts(kind, "v1", [{ key: "a", value: bytes("1") }]);
    await store.deleteVersion(kind, "v1");
    await store.deleteVersion(kind, "v1");
    assert.deepEqual(await store.listVersions(kind), []);
  });
}
