import assert from "node:assert/strict";
import { it } from "node:test";
import type { BulkStore } from "../../bulk-store.ts";
import {
  assertGroupedByUserInTimeOrder,
  BASE_TIME,
  byTimeThenId,
  collect,
  rawEvent,
  uid,
} from "./fixture.ts";

/** Idempotent appends, per-user order and query filters. */
export function eventCases(getStore: () => BulkStore): void {
  it("stores an event once however often it is appended", async () => {
    const store = getStore();
    const user = `u-${uid()}`;
    const first = rawEvent(user, 100, `${uid()}-a`);
    const second = rawEvent(user, 200, `${uid()}-b`);
    await store.appendEvents([first]);
    await store.appendEvents([first, second, first]);
    assert.deepEqual(await collect(store.readEvents({ userId: user })), [first, second]);
  });

  it("reads a user's events in time order, ties by eventId", async () => {
    const store = getStore();
    const user = `u-${uid()}`;
    const p = uid();
    const events = [
      rawEvent(user, 300, `${p}-c`),
      rawEvent(user, 100, `${p}-b`),
      rawEvent(user, 300, `${p}-a`),
      rawEvent(user, 100, `${p}-a2`),
      rawEvent(user, 200, `${p}-z`),
    ];
    await store.appendEvents(events);
    await store.appendEvents([rawEvent(`other-${uid()}`, 150, `${p}-other`)]);
    const read = await collect(store.readEvents({ userId: user }));
    assert.deepEqual(read, [...events].sort(byTimeThenId));
  });

  it("filters by from (inclusive), to (exclusive) and types", async () => {
    const store = getStore();
    const user = `u-${uid()}`;
    const p = uid();
    const [view1, click, view2, buy] = [
      rawEvent(user, 100, `${p}-1`, "view"),
      rawEvent(user, 200, `${p}-2`, "click"),
      rawEvent(user, 300, `${p}-3`, "view"),
      rawEvent(user, 400, `${p}-4`, "buy"),
    ];
    await store.appendEvents([buy, view2, click, view1]);
    const ids = async (query: Parameters<BulkStore["readEvents"]>[0]) =>
      (await collect(store.readEvents(query))).map((e) => e.eventId);
    const at = (offset: number) => BASE_TIME + offset;
    assert.deepEqual(await ids({ userId: user, from: at(200), to: at(400) }), [click.eventId, view2.eventId]);
    assert.deepEqual(await ids({ userId: user, from: at(300) }), [view2.eventId, buy.eventId]);
    assert.deepEqual(await ids({ userId: user, to: at(200) }), [view1.eventId]);
    assert.deepEqual(
      await ids({ userId: user, types: ["view", "buy"] }),
      [view1, view2, buy].map((e) => e.eventId),
    );
    assert.deepEqual(await ids({ userId: user, from: at(200), types: ["view"] }), [view2.eventId]);
    assert.deepEqual(await ids({ userId: user, from: at(500) }), []);
  });

  it("reads every user's events without userId, grouped by user and in time order", async () => {
    const store = getStore();
    const p = uid();
    const users = [`u-${p}-x`, `u-${p}-y`, `u-${p}-z`];
    const events = users.flatMap((user, u) =>
      [50, 10, 30, 10].map((offset, i) =>
        rawEvent(user, offset + u, `${p}-${u}-${i}`, i === 2 ? "buy" : "view"),
      ),
    );
    await store.appendEvents(events.slice(0, 6));
    await store.appendEvents(events.slice(6));
    const mine = (await collect(store.readEvents())).filter((e) => users.includes(e.userId));
    assert.equal(mine.length, events.length);
    assertGroupedByUserInTimeOrder(mine);
    for (const user of users) {
      const expected = events.filter((e) => e.userId === user).sort(byTimeThenId);
      assert.deepEqual(
        mine.filter((e) => e.userId === user),
        expected,
      );
    }
    const buys = (await collect(store.readEvents({ types: ["buy"], from: BASE_TIME + 30 }))).filter((e) =>
      users.includes(e.userId),
    );
    assert.deepEqual(buys.map((e) => e.userId).sort(), [...users].sort());
  });
}
