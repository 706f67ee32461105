/** A key due to expire at `at` (ms since the epoch), as scheduled when its TTL was set. */
export interface ScheduledExpiry {
  readonly at: number;
  readonly key: string;
}

/**
 * A min-heap of expiry times, so expired keys can be found without scanning every key.
 * Entries may be stale (the key was deleted or got a new TTL); the owner checks each popped key against its entry.
 */
export class ExpiryHeap {
  #items: ScheduledExpiry[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(at: number, key: string): void {
    this.#items.push({ at, key });
    this.#siftUp(this.#items.length - 1);
  }

  /** Removes and returns the keys scheduled at or before `now`, earliest first. */
  popDue(now: number): string[] {
    const due: string[] = [];
    while (this.#items.length > 0 && (this.#items[0] as ScheduledExpiry).at <= now) {
      due.push(this.#popTop().key);
    }
    return due;
  }

  /** Replaces every entry, used to drop stale ones once they outnumber live keys. */
  reset(items: Iterable<ScheduledExpiry>): void {
    this.#items = [...items];
    for (let i = (this.#items.length >> 1) - 1; i >= 0; i--) this.#siftDown(i);
  }

  #popTop(): ScheduledExpiry {
    const items = this.#items;
    const top = items[0] as ScheduledExpiry;
    const last = items.pop() as ScheduledExpiry;
    if (items.length > 0) {
      items[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  #siftUp(index: number): void {
    const items = this.#items;
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if ((items[parent] as ScheduledExpiry).at <= (items[child] as ScheduledExpiry).at) return;
      this.#swap(parent, child);
      child = parent;
    }
  }

  #siftDown(index: number): void {
    const items = this.#items;
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < items.length && this.#at(left) < this.#at(smallest)) smallest = left;
      if (right < items.length && this.#at(right) < this.#at(smallest)) smallest = right;
      if (smallest === parent) return;
      this.#swap(parent, smallest);
      parent = smallest;
    }
  }

  #at(index: number): number {
    return (this.#items[index] as ScheduledExpiry).at;
  }

  #swap(a: number, b: number): void {
    const items = this.#items;
    const held = items[a] as ScheduledExpiry;
    items[a] = items[b] as ScheduledExpiry;
    items[b] = held;
  }
}
