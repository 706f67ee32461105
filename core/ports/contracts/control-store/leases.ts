import assert from "node:assert/strict";
import { it } from "node:test";
import { ValidationError } from "../../../errors.ts";
import type { ControlStore } from "../../control-store.ts";
import type { ContractHarness } from "../harness.ts";
import { uid } from "./fixture.ts";

/** Long enough that real time (the services harness really waits) never expires it during a test. */
const LONG = 60_000;
/** Short enough to wait out for real; waits go well past it because timers may fire a little early. */
const SHORT = 100;
const PAST_SHORT = SHORT * 3;
const ROUNDS = 10;
const CONTENDERS = 4;

const lease = () => `lease-${uid()}`;

/** Named leases with at most one unexpired holder; part of the ControlStore contract. */
export function leaseCases(getStore: () => ControlStore, harness: ContractHarness<ControlStore>): void {
  it("grants a free lease and lets the holder ask again at once", async () => {
    const store = getStore();
    const name = lease();
    assert.equal(await store.acquireLease(name, "a", LONG), true);
    assert.equal(await store.acquireLease(name, "a", LONG), true, "same holder, same instant");
  });

  it("refuses another holder while the lease is held", async () => {
    const store = getStore();
    const name = lease();
    assert.equal(await store.acquireLease(name, "a", LONG), true);
    assert.equal(await store.acquireLease(name, "b", LONG), false);
    assert.equal(await store.acquireLease(name, "b", SHORT), false);
    assert.equal(await store.acquireLease(name, "a", LONG), true, "the holder keeps it");
  });

  it("a renewal moves the expiry", async () => {
    const store = getStore();
    const name = lease();
    assert.equal(await store.acquireLease(name, "a", SHORT), true);
    assert.equal(await store.acquireLease(name, "a", LONG), true);
    await harness.advance(PAST_SHORT);
    assert.equal(await store.acquireLease(name, "b", LONG), false, "the first ttl no longer applies");
    assert.equal(await store.acquireLease(name, "a", LONG), true);
  });

  it("an expired lease goes to the next holder and the old one is refused", async () => {
    const store = getStore();
    const name = lease();
    assert.equal(await store.acquireLease(name, "a", SHORT), true);
    await harness.advance(PAST_SHORT);
    assert.equal(await store.acquireLease(name, "b", LONG), true);
    assert.equal(await store.acquireLease(name, "a", LONG), false);
    assert.equal(await store.acquireLease(name, "b", LONG), true);
  });

  it("release by someone else is a no-op; release by the holder frees the lease", async () => {
    const store = getStore();
    const name = lease();
    await store.releaseLease(name, "a");
    assert.equal(await store.acquireLease(name, "a", LONG), true);
    await store.releaseLease(name, "b");
    assert.equal(await store.acquireLease(name, "c", LONG), false, "a non-holder's release changed nothing");
    await store.releaseLease(name, "a");
    assert.equal(await store.acquireLease(name, "c", LONG), true);
    await store.releaseLease(name, "a");
    assert.equal(await store.acquireLease(name, "a", LONG), false, "a former holder cannot release it again");
  });

  it("different lease names are independent", async () => {
    const store = getStore();
    const [first, second] = [lease(), lease()];
    assert.equal(await store.acquireLease(first, "a", LONG), true);
    assert.equal(await store.acquireLease(second, "b", LONG), true);
    assert.equal(await store.acquireLease(second, "a", LONG), false);
    await store.releaseLease(second, "b");
    assert.equal(await store.acquireLease(first, "b", LONG), false, "releasing one lease frees no other");
    assert.equal(await store.acquireLease(second, "a", LONG), true);
  });

  it("of holders asking at once through two clients, exactly one gets the lease", async () => {
    const clients = [getStore(), await harness.create()];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const name = lease();
        const holders = Array.from({ length: CONTENDERS }, (_, i) => `holder-${i}`);
        const granted = await Promise.all(
          holders.map((holder, i) => clients[i % clients.length]?.acquireLease(name, holder, LONG)),
        );
        const winners = holders.filter((_, i) => granted[i] === true);
        assert.equal(winners.length, 1, `round ${round}: granted ${JSON.stringify(granted)}`);
        const loser = holders.find((holder) => holder !== winners[0]) ?? "";
        assert.equal(await clients[1]?.acquireLease(name, loser, LONG), false);
        assert.equal(await clients[0]?.acquireLease(name, winners[0] ?? "", LONG), true);
      }
    } finally {
      await clients[1]?.close();
    }
  });

  it("accepts names and holders of 128 characters and rejects bad input by field", async () => {
    const store = getStore();
    const longest = `${"ü".repeat(120)}${uid()}`;
    assert.equal(await store.acquireLease(longest, longest, LONG), true);
    assert.equal(await store.acquireLease(longest, "other", LONG), false);
    const bad: [() => Promise<unknown>, string][] = [
      [() => store.acquireLease("", "a", LONG), "name"],
      [() => store.acquireLease(`${longest}x`, "a", LONG), "name"],
      [() => store.acquireLease(lease(), "", LONG), "holder"],
      [() => store.acquireLease(lease(), `${longest}x`, LONG), "holder"],
      [() => store.acquireLease(lease(), "a", 0), "ttlMs"],
      [() => store.acquireLease(lease(), "a", 1.5), "ttlMs"],
      [() => store.acquireLease(lease(), "a", Number.NaN), "ttlMs"],
      [() => store.releaseLease("", "a"), "name"],
      [() => store.releaseLease(lease(), ""), "holder"],
    ];
    for (const [call, field] of bad) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
        assert.equal(error.field, field);
        return true;
      });
    }
    await store.releaseLease(longest, longest);
    assert.equal(await store.acquireLease(longest, "other", LONG), true);
  });
}
