import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { describe, it } from "node:test";
import type { JobDeps } from "../offline/jobs/job-deps.ts";
import {
  nextVersionId,
  PUBLISH_LEASE,
  publishVersion,
  rollback,
  type VersionBundle,
  withPublishLease,
} from "../offline/jobs/publish/index.ts";
import { ARTIFACT_KINDS, cacheKeys, VERSION_KINDS } from "../schemas/index.ts";
import { embeddedJobDeps } from "./support/offline-job-deps.ts";

const POINTERS = [VERSION_KINDS.embeddings, VERSION_KINDS.features, VERSION_KINDS.popularity];
const KINDS = [ARTIFACT_KINDS.itemEmbeddings, ARTIFACT_KINDS.itemFeatures, ARTIFACT_KINDS.itemStats] as const;
const ITEMS = 40;
const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

/** A version whose every artifact, cache value and file says which version it belongs to. */
function bundleFor(version: string, hr10 = 0.05): VersionBundle {
  const entries = Array.from({ length: ITEMS }, (_, i) => ({
    key: String(i),
    value: new TextEncoder().encode(version),
  }));
  return {
    pointers: POINTERS,
    artifacts: KINDS.map((kind) => ({ kind, entries })),
    cacheWrites: [{ op: "set", key: cacheKeys().itemFeatures(version, "0"), value: version }],
    files: [{ name: "marker.txt", content: version }],
    score: { metric: "hr@10", model: "test", value: hr10 },
  };
}

async function publish(
  deps: JobDeps & { clock: { advance(ms: number): void } },
  hr10?: number,
  force = false,
) {
  deps.clock.advance(60_000);
  const version = nextVersionId(deps);
  return publishVersion(deps, version, bundleFor(version, hr10), { margin: 0.1, force });
}

/** Every pointer names the same version and that version's artifacts are all there and all its own. */
async function assertConsistent(deps: JobDeps, expected?: string): Promise<string> {
  const pointers = await deps.control.activeVersions();
  const versions = new Set(POINTERS.map((kind) => pointers[kind]));
  assert.equal(versions.size, 1, `pointers disagree: ${JSON.stringify(pointers)}`);
  const [version] = [...versions] as [string];
  if (expected !== undefined) assert.equal(version, expected);
  for (const kind of KINDS) {
    const values = await deps.bulk.getArtifacts(kind, version, ["0", String(ITEMS - 1)]);
    assert.deepEqual(values.map(text), [version, version], `${kind} of ${version}`);
  }
  return version;
}

type Step = "putArtifacts" | "writeVersion" | "batch" | "activateVersions";

/** The same object with one method replaced (a Proxy, so adapters with private fields keep working). */
function replacing<T extends object>(target: T, name: string, method: (...args: never[]) => unknown): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === name) return method;
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

/** Makes one port call throw, as a crash at that point of the publish would stop it. */
function failAt(deps: JobDeps, step: Step): JobDeps {
  const boom = async () => {
    throw new Error(`injected failure in ${step}`);
  };
  if (deps.files === undefined) throw new Error("these tests need an artifact folder");
  let puts = 0;
  // The second artifact batch fails, so part of the version is already written.
  const putArtifacts = (...args: Parameters<JobDeps["bulk"]["putArtifacts"]>) =>
    ++puts === 2 ? boom() : deps.bulk.putArtifacts(...args);
  return {
    ...deps,
    bulk: step === "putArtifacts" ? replacing(deps.bulk, step, putArtifacts) : deps.bulk,
    files: step === "writeVersion" ? replacing(deps.files, step, boom) : deps.files,
    cache: step === "batch" ? replacing(deps.cache, step, boom) : deps.cache,
    control: step === "activateVersions" ? replacing(deps.control, step, boom) : deps.control,
  };
}

describe("publishing a version", () => {
  for (const step of ["putArtifacts", "writeVersion", "batch", "activateVersions"] as const) {
    it(`leaves the serving version untouched when ${step} fails, and a later run cleans up`, async () => {
      const deps = await embeddedJobDeps();
      try {
        const v1 = (await publish(deps)).version;
        deps.clock.advance(60_000);
        const broken = nextVersionId(deps);
        const failing = failAt(deps, step);
        await assert.rejects(
          publishVersion(failing, broken, bundleFor(broken), { margin: 0.1, force: false }),
          /injected/,
        );
        await assertConsistent(deps, v1);
        assert.equal(await deps.files?.active(), v1);
        assert.equal(await deps.cache.get(cacheKeys().itemFeatures(v1, "0")), v1);
        const v3 = (await publish(deps)).version;
        await assertConsistent(deps, v3);
        for (const kind of KINDS) assert.equal(await deps.bulk.getArtifact(kind, broken, "0"), null);
        assert.equal(await deps.cache.get(cacheKeys().itemFeatures(broken, "0")), null);
        assert.deepEqual(await deps.files?.listVersions(), [v1, v3]);
      } finally {
        await rm(deps.artifactDir, { recursive: true, force: true });
      }
    });
  }

  it("never shows a concurrent reader a mix of two versions", async () => {
    const deps = await embeddedJobDeps();
    let publishing = true;
    let reads = 0;
    const seen = new Set<string>();
    await publish(deps);
    const reader = (async () => {
      while (publishing) {
        seen.add(await assertConsistent(deps));
        reads += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      for (let i = 0; i < 6; i++) await publish(deps);
    } finally {
      publishing = false;
      await reader;
      await rm(deps.artifactDir, { recursive: true, force: true });
    }
    assert.ok(seen.size >= 3, `the reader saw ${seen.size} versions in ${reads} reads`);
  });

  it("does not promote a clearly worse version unless forced; keeps one version for rollback", async () => {
    const deps = await embeddedJobDeps();
    try {
      const v1 = await publish(deps, 0.05);
      const worse = await publish(deps, 0.04);
      assert.equal(worse.promoted, false);
      assert.match(worse.reason, /more than 10\.0% worse/);
      await assertConsistent(deps, v1.version);
      const slightlyWorse = await publish(deps, 0.046);
      assert.equal(slightlyWorse.promoted, true, "within the 10% margin");
      const forced = await publish(deps, 0.01, true);
      assert.equal(forced.promoted, true);
      assert.match(forced.reason, /^forced/);
      await assertConsistent(deps, forced.version);
      assert.equal(
        await deps.bulk.getArtifact(KINDS[0], v1.version, "0"),
        null,
        "older than rollback: pruned",
      );
      const back = await rollback(deps);
      assert.deepEqual([back.from, back.to], [forced.version, slightlyWorse.version]);
      await assertConsistent(deps, slightlyWorse.version);
      assert.equal(await deps.files?.active(), slightlyWorse.version);
      await rollback(deps);
      await assertConsistent(deps, forced.version);
      assert.deepEqual(forced.pruned, [v1.version]);
      const next = await publish(deps, 0.05);
      assert.deepEqual(next.pruned, [slightlyWorse.version], "each old version is pruned once");
    } finally {
      await rm(deps.artifactDir, { recursive: true, force: true });
    }
  });

  it("refuses to roll back when there is nothing to go back to", async () => {
    const deps = await embeddedJobDeps();
    await assert.rejects(rollback(deps), /no previous version/);
    await publish(deps);
    await assert.rejects(rollback(deps), /no previous version/);
    await rm(deps.artifactDir, { recursive: true, force: true });
  });

  it("lets one process at a time publish or roll back, and stops a run that lost its lease", async () => {
    const deps = await embeddedJobDeps();
    try {
      const v1 = (await publish(deps)).version;
      const v2 = (await publish(deps)).version;
      await deps.control.acquireLease(PUBLISH_LEASE, "another-host:42:x", 60_000);
      await assert.rejects(rollback(deps), /another offline run is publishing/);
      await assert.rejects(
        withPublishLease(deps, async () => "ran"),
        /another offline run is publishing/,
      );
      deps.clock.advance(60_001);
      const lost = withPublishLease(deps, async (lease) => {
        // Another process takes the lease after ours expired unrenewed.
        deps.clock.advance(10 * 60_000 + 1);
        await deps.control.acquireLease(PUBLISH_LEASE, "another-host:43:y", 60_000);
        deps.clock.advance(30_000);
        const version = nextVersionId(deps);
        return publishVersion(deps, version, bundleFor(version), {
          margin: 0.1,
          force: false,
          beforeSwitch: lease.confirm,
        });
      });
      await assert.rejects(lost, /another run took it/);
      await assertConsistent(deps, v2);
      deps.clock.advance(30_001);
      assert.equal((await rollback(deps)).to, v1, "the lease is free again once expired");
    } finally {
      await rm(deps.artifactDir, { recursive: true, force: true });
    }
  });
});
