/** A binary min-heap under `compare`; the click merge keeps only a minute's worth of events in it. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  /** The smallest item, or undefined when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let child = items.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.compare(items[child] as T, items[parent] as T) >= 0) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  /** Removes and returns the smallest item, or undefined when empty. */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const items = this.items;
    let parent = start;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= items.length) return;
      const right = left + 1;
      const smaller =
        right < items.length && this.compare(items[right] as T, items[left] as T) < 0 ? right : left;
      if (this.compare(items[smaller] as T, items[parent] as T) >= 0) return;
      this.swap(parent, smaller);
      parent = smaller;
    }
  }

  private swap(i: number, j: number): void {
    const items = this.items;
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  }
}
