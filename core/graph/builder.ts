import { ValidationError } from "../errors.ts";
import type { BehaviourGraph } from "./behaviour-graph.ts";
import { transitionsOf } from "./transitions.ts";

/** Accumulates transitions, in any order, into a BehaviourGraph whose layout depends only on the totals. */
export class BehaviourGraphBuilder {
  readonly #ids: string[] = [];
  readonly #index = new Map<string, number>();
  /** Out-edges of each interned node: target's interned index → summed weight. */
  readonly #out: Map<number, number>[] = [];

  /** Adds every transition of one user's time-ordered liked items (see `transitionsOf`). */
  addSequence(items: readonly string[]): void {
    for (const [from, to] of transitionsOf(items)) this.addTransition(from, to);
  }

  /** Adds `weight` (default 1) to the edge from → to; rejects self-loops and weights that are not > 0. */
  addTransition(from: string, to: string, weight = 1): void {
    if (from === to) throw new ValidationError(`behaviour graph: self-loop on ${JSON.stringify(from)}`);
    if (!(Number.isFinite(weight) && weight > 0)) {
      throw new ValidationError(`behaviour graph: weight must be a finite number > 0, got ${weight}`);
    }
    const edges = this.#out[this.#intern(from)] as Map<number, number>;
    const target = this.#intern(to);
    edges.set(target, (edges.get(target) ?? 0) + weight);
  }

  /** A fresh CSR graph over every node seen so far; the builder stays usable. */
  build(): BehaviourGraph {
    const ids = this.#ids;
    const order = ids.map((_, i) => i).sort((a, b) => compare(ids[a] as string, ids[b] as string));
    const rank = new Int32Array(order.length);
    order.forEach((old, i) => {
      rank[old] = i;
    });
    const offsets = new Int32Array(order.length + 1);
    order.forEach((old, i) => {
      offsets[i + 1] = (offsets[i] as number) + (this.#out[old] as Map<number, number>).size;
    });
    const edgeCount = offsets[order.length] as number;
    const targets = new Int32Array(edgeCount);
    const weights = new Float32Array(edgeCount);
    order.forEach((old, i) => {
      const edges = [...(this.#out[old] as Map<number, number>)].map(([t, w]) => [rank[t] as number, w]);
      edges.sort((a, b) => (a[0] as number) - (b[0] as number));
      let at = offsets[i] as number;
      for (const [target, weight] of edges) {
        targets[at] = target as number;
        weights[at++] = weight as number;
      }
    });
    return { nodes: order.map((old) => ids[old] as string), offsets, targets, weights };
  }

  #intern(id: string): number {
    let index = this.#index.get(id);
    if (index === undefined) {
      index = this.#ids.length;
      this.#index.set(id, index);
      this.#ids.push(id);
      this.#out.push(new Map());
    }
    return index;
  }
}

/** UTF-16 code-unit order, the order `validateGraph` checks; localeCompare would vary by host. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
