import { writeDigits, writeHalfStars, writeUint } from "./ascii.ts";
import { SeededRandom } from "./random.ts";
import { STREAM, type SyntheticPlan } from "./synthetic-plan.ts";
import { samplersBySize, ZipfSampler } from "./zipf-sampler.ts";

/** Longest possible line: two 10-digit ids, `d.d`, a 10-digit timestamp, 3 commas and `\n`. */
export const MAX_RATING_LINE = 40;

const IN_CLUSTER_SHARE = 0.8;
const CLUSTER_ZIPF = 0.9;
const GLOBAL_ZIPF = 1.05;
const DRAW_TRIES = 8;
const START_SECONDS = 1_420_070_400; // 2015-01-01; every timestamp has 10 digits
const SPAN_SECONDS = 4 * 365 * 86_400;
const MAX_USER_SPAN = 3 * 365 * 86_400;

/**
 * Produces `ratings.csv` rows user by user, into caller-supplied buffers, resuming mid-user.
 * Each user has a taste cluster and three liked genres; most draws come from the cluster with a
 * Zipf skew, the rest from global popularity; in-cluster and liked-genre items score higher.
 */
export class RatingRows {
  private readonly random: SeededRandom;
  /** marks[rank] === user + 1 when the current user already rated the item at that global rank. */
  private readonly marks: Uint32Array;
  private readonly byRank: Uint32Array;
  /** Item attributes indexed by global rank: draws favour low ranks, so these stay in cache. */
  private readonly genreByRank: Uint16Array;
  private readonly qualityByRank: Float32Array;
  private readonly clusters: number;
  private readonly clusterSamplers: ZipfSampler[];
  private readonly globalSampler: ZipfSampler;
  private user = -1;
  /** The current user's id as ASCII digits, written once per user. */
  private readonly userDigits = new Uint8Array(10);
  private userDigitCount = 0;
  private left = 0;
  private time = 0;
  private gap = 0;
  private cluster = 0;
  private clusterOpen = 0;
  private bias = 0;
  private liked0 = 0;
  private liked1 = 0;
  private liked2 = 0;
  rows = 0;

  constructor(private readonly plan: SyntheticPlan) {
    this.random = new SeededRandom(plan.shape.seed, STREAM.users);
    this.marks = new Uint32Array(plan.shape.items);
    this.byRank = plan.byRank;
    this.genreByRank = Uint16Array.from(plan.byRank, (item) => plan.itemGenre[item] as number);
    this.qualityByRank = Float32Array.from(plan.byRank, (item) => plan.itemQuality[item] as number);
    this.clusters = plan.shape.clusters;
    this.clusterSamplers = samplersBySize(plan.clusterSize, CLUSTER_ZIPF);
    this.globalSampler = new ZipfSampler(plan.shape.items, GLOBAL_ZIPF);
  }

  /** Fills `buf` with whole lines; returns the bytes written, 0 once every row is out. */
  fill(buf: Uint8Array): number {
    let pos = 0;
    const limit = buf.length - MAX_RATING_LINE;
    while (pos <= limit) {
      if (this.left > 0) pos = this.writeRow(buf, pos);
      else if (!this.startNextUser()) break;
    }
    return pos;
  }

  private startNextUser(): boolean {
    const { users, clusters, genres } = this.plan.shape;
    if (this.user + 1 >= users) return false;
    const r = this.random;
    this.user += 1;
    this.userDigitCount = writeUint(this.userDigits, 0, this.user + 1);
    this.left = this.plan.userCounts[this.user] as number;
    this.cluster = r.int(clusters);
    this.clusterOpen = this.plan.clusterSize[this.cluster] as number;
    this.bias = r.normal() * 0.35;
    this.liked0 = this.plan.clusterGenres[this.cluster * 2] as number;
    this.liked1 = this.plan.clusterGenres[this.cluster * 2 + 1] as number;
    this.liked2 = r.int(genres);
    const span = Math.floor((0.05 + 0.95 * r.next() * r.next()) * MAX_USER_SPAN);
    this.time = START_SECONDS + r.int(SPAN_SECONDS - span);
    this.gap = (2 * span) / this.left;
    return true;
  }

  private writeRow(buf: Uint8Array, start: number): number {
    const rank = this.drawRank();
    const inCluster = rank % this.clusters === this.cluster;
    if (inCluster) this.clusterOpen -= 1;
    const genre = this.genreByRank[rank];
    const likedGenre = genre === this.liked0 || genre === this.liked1 || genre === this.liked2;
    const base = 3.1 + this.bias + (this.qualityByRank[rank] as number);
    const score = base + (inCluster ? 0.8 : -0.4) + (likedGenre ? 0.3 : 0) + 0.6 * this.random.normal();
    const halfStars = Math.min(10, Math.max(1, Math.round(score * 2)));
    this.time += 1 + Math.floor(this.random.next() * this.gap);
    this.left -= 1;
    this.rows += 1;
    const digits = this.userDigits;
    let pos = start;
    for (let i = 0; i < this.userDigitCount; i++) buf[pos++] = digits[i] as number;
    buf[pos++] = 44;
    pos = writeUint(buf, pos, (this.byRank[rank] as number) + 1);
    buf[pos++] = 44;
    pos = writeHalfStars(buf, pos, halfStars);
    buf[pos++] = 44;
    writeDigits(buf, pos, this.time, 10);
    buf[pos + 10] = 10;
    return pos + 11;
  }

  /** Global rank of an item this user has not rated yet: from the cluster or global popularity, else the next free one. */
  private drawRank(): number {
    const items = this.marks.length;
    const stamp = this.user + 1;
    let rank = 0;
    for (let tries = 0; tries < DRAW_TRIES; tries++) {
      if (this.clusterOpen > 0 && this.random.next() < IN_CLUSTER_SHARE) {
        const inCluster = (this.clusterSamplers[this.cluster] as ZipfSampler).rank(this.random.next());
        rank = inCluster * this.clusters + this.cluster;
      } else {
        rank = this.globalSampler.rank(this.random.next());
      }
      if (this.marks[rank] !== stamp) break;
    }
    while (this.marks[rank] === stamp) rank = rank + 1 === items ? 0 : rank + 1;
    this.marks[rank] = stamp;
    return rank;
  }
}
