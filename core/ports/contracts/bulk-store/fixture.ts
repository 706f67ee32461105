import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { RawEvent } from "../../bulk-store.ts";

export const uid = () => randomUUID().slice(0, 8);
/** Mid-month, so every test event falls in one calendar month whatever the adapter partitions by. */
export const BASE_TIME = Date.UTC(2024, 0, 10);

export function rawEvent(userId: string, offsetMs: number, eventId: string, type = "view"): RawEvent {
  const timestamp = BASE_TIME + offsetMs;
  const itemId = `item-${eventId}`;
  return {
    eventId,
    type,
    userId,
    itemId,
    timestamp,
    body: JSON.stringify({ eventId, type, userId, itemId, timestamp }),
  };
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of source) out.push(value);
  return out;
}

export function byTimeThenId(a: RawEvent, b: RawEvent): number {
  return a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

export function sameBytes(actual: Uint8Array | null | undefined, expected: Uint8Array, label: string): void {
  assert.ok(actual instanceof Uint8Array, `${label}: expected bytes, got ${String(actual)}`);
  assert.equal(actual.byteLength, expected.byteLength, `${label}: length`);
  assert.ok(Buffer.from(actual).equals(Buffer.from(expected)), `${label}: bytes differ`);
}

export const bytes = (text: string) => new TextEncoder().encode(text);

/** Each user's events form one contiguous run, in time order (ties by eventId). */
export function assertGroupedByUserInTimeOrder(events: readonly RawEvent[]): void {
  const finished = new Set<string>();
  for (let i = 1; i < events.length; i++) {
    const prev = events[i - 1] as RawEvent;
    const current = events[i] as RawEvent;
    if (prev.userId === current.userId) {
      assert.ok(byTimeThenId(prev, current) < 0, `events of ${current.userId} out of order at ${i}`);
    } else {
      finished.add(prev.userId);
      assert.ok(!finished.has(current.userId), `events of ${current.userId} are not contiguous`);
    }
  }
}
