import { dotRow } from "./vectors.ts";
/** A scored row, as the top-k collector holds it. */
export interface ScoredRow {
  row: number;
  score: number;
}

/**
 * Keeps the k best (row, score) pairs seen: higher score first, equal scores by lower row. A binary heap with
 * the worst kept pair on top, so each offer costs O(log k) and most offers only one comparison.
 */
export class TopK {
  private readonly rows: Int32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(private readonly k: number) {
    this.rows = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  /** Whether `offer(row, score)` would keep the pair; lets callers skip costly checks for losers. */
  accepts(row: number, score: number): boolean {
    if (this.k <= 0) return false;
    if (this.count < this.k) return true;
    return this.better(row, score, 0);
  }

  offer(row: number, score: number): void {
    if (!this.accepts(row, score)) return;
    if (this.count < this.k) {
      this.rows[this.count] = row;
      this.scores[this.count] = score;
      this.siftUp(this.count++);
    } else {
      this.rows[0] = row;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** The kept pairs, best first. */
  sorted(): ScoredRow[] {
    const out: ScoredRow[] = [];
    for (let i = 0; i < this.count; i++)
      out.push({ row: this.rows[i] as number, score: this.scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.row - b.row);
  }

  /** True when (row, score) ranks above the pair at heap slot `slot`. */
  private better(row: number, score: number, slot: number): boolean {
    const other = this.scores[slot] as number;
    return score > other || (score === other && row < (this.rows[slot] as number));
  }

  private siftUp(slot: number): void {
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.better(this.rows[parent] as number, this.scores[parent] as number, slot)) return;
      this.swap(slot, parent);
      slot = parent;
    }
  }

  private siftDown(slot: number): void {
    for (;;) {
      const left = 2 * slot + 1;
      if (left >= this.count) return;
      const right = left + 1;
      let worst = left;
      if (right < this.count && this.better(this.rows[left] as number, this.scores[left] as number, right)) {
        worst = right;
      }
      if (!this.better(this.rows[slot] as number, this.scores[slot] as number, worst)) return;
      this.swap(slot, worst);
      slot = worst;
    }
  }

  private swap(a: number, b: number): void {
    const row = this.rows[a] as number;
    const score = this.scores[a] as number;
    this.rows[a] = this.rows[b] as number;
    this.scores[a] = this.scores[b] as number;
    this.rows[b] = row;
    this.scores[b] = score;
  }
}

/**
 * The best `k` of `rows` by inner product with the unit `query`, skipping excluded ids. `candidates` is LSH's
 * candidate rows, or a row count for exact search over rows 0 .. count - 1 (a plain loop, no iterator).
 */
export function rankRows(
  rows: { readonly ids: readonly string[]; readonly vectors: Float32Array },
  query: Float32Array,
  candidates: Iterable<number> | number,
  k: number,
  exclude?: ReadonlySet<string>,
): { id: string; score: number }[] {
  const top = new TopK(k);
  const consider = (row: number) => {
    const score = dotRow(query, rows.vectors, row);
    // The set lookup runs only for rows that would enter the top k, which is rare after the first few.
    if (top.accepts(row, score) && !exclude?.has(rows.ids[row] as string)) top.offer(row, score);
  };
  if (typeof candidates === "number") for (let row = 0; row < candidates; row++) consider(row);
  else for (const row of candidates) consider(row);
  return top.sorted().map(({ row, score }) => ({ id: rows.ids[row] as string, score }));
}
