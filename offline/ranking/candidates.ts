import { selectTopK } from "../evaluate/top-k.ts";
import type { RatingRow, Scorer } from "../evaluate/types.ts";

/** The union of every channel's top items for one user, with each channel's score and rank of every candidate. */
export interface Candidates {
  readonly count: number;
  /** Catalogue positions of the candidates, `count` of them. */
  readonly indices: Int32Array;
  /** Per channel, the full score buffer (catalogue order); seen items are -Infinity. */
  readonly channelScores: readonly Float32Array[];
  /** Per channel, 0-based rank of each catalogue position in that channel's top list, or -1. */
  readonly channelRanks: readonly Int32Array[];
}

/**
 * Recall from several channels at once: each scores the whole catalogue, the user's history is removed, the top
 * `perChannel` of each are merged. Buffers are allocated once per collector and reused for every user.
 */
export class CandidateCollector {
  private readonly scores: Float32Array[];
  private readonly ranks: Int32Array[];
  private readonly top: Int32Array;
  private readonly seen: Uint8Array;
  private readonly union: Int32Array;

  constructor(
    private readonly channels: readonly Scorer[],
    private readonly catalogueIndex: ReadonlyMap<string, number>,
    private readonly perChannel: number,
  ) {
    const n = catalogueIndex.size;
    this.scores = channels.map(() => new Float32Array(n));
    this.ranks = channels.map(() => new Int32Array(n).fill(-1));
    this.top = new Int32Array(perChannel);
    this.seen = new Uint8Array(n);
    this.union = new Int32Array(Math.min(n, perChannel * channels.length));
  }

  /** Channel names, in the order of `channelScores`. */
  get names(): string[] {
    return this.channels.map((c) => c.name);
  }

  collect(userId: string, history: readonly RatingRow[]): Candidates {
    for (let i = 0; i < this.seen.length; i++) this.seen[i] = 0;
    let count = 0;
    for (const [c, channel] of this.channels.entries()) {
      const scores = this.scores[c] as Float32Array;
      const ranks = this.ranks[c] as Int32Array;
      ranks.fill(-1);
      channel.score(userId, history, scores);
      for (const row of history) {
        const position = this.catalogueIndex.get(row.itemId);
        if (position !== undefined) scores[position] = Number.NEGATIVE_INFINITY;
      }
      const found = selectTopK(scores, this.perChannel, this.top);
      for (let r = 0; r < found; r++) {
        const position = this.top[r] as number;
        ranks[position] = r;
        if (this.seen[position] === 0) {
          this.seen[position] = 1;
          this.union[count++] = position;
        }
      }
    }
    return { count, indices: this.union, channelScores: this.scores, channelRanks: this.ranks };
  }
}
