/** A node of a {@link RecencyList}; the owner stores its own data in it. */
export interface RecencyNode {
  readonly key: string;
  older: RecencyNode | null;
  newer: RecencyNode | null;
}

/**
 * Nodes from least to most recently used, with O(1) touch, unlink and oldest. A doubly linked list rather than a
 * Map's insertion order: V8 leaves holes where Map entries were deleted, and every walk from the oldest end would
 * step over them again, making LRU eviction slow once many keys have been touched or evicted.
 */
export class RecencyList<N extends RecencyNode> {
  #oldest: N | null = null;
  #newest: N | null = null;

  get oldest(): N | null {
    return this.#oldest;
  }

  /** Appends a node not yet in the list as the most recently used. */
  push(node: N): void {
    node.older = this.#newest;
    node.newer = null;
    if (this.#newest === null) this.#oldest = node;
    else this.#newest.newer = node;
    this.#newest = node;
  }

  /** Moves a node already in the list to the most recently used end. */
  touch(node: N): void {
    if (this.#newest === node) return;
    this.unlink(node);
    this.push(node);
  }

  /** Removes a node that is in the list. */
  unlink(node: N): void {
    if (node.older === null) this.#oldest = node.newer as N | null;
    else node.older.newer = node.newer;
    if (node.newer === null) this.#newest = node.older as N | null;
    else node.newer.older = node.older;
    node.older = null;
    node.newer = null;
  }

  clear(): void {
    this.#oldest = null;
    this.#newest = null;
  }
}
