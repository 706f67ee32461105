import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { featuresOfTally, type UserFeatures } from "../../core/features/index.ts";
import type { FeatureCache } from "../../core/ports/index.ts";
import { decodeHistoryEntry, tallyOfFeatureHash } from "../../core/user-state/index.ts";
import { cacheKeys } from "../../schemas/index.ts";
import { SCENARIO_VERSION } from "./nearline-dataset.ts";
import type { ExpectedState, ExpectedUser } from "./nearline-expected.ts";

const keys = cacheKeys();
const VECTOR_TOLERANCE = 1e-5;
const FEATURE_TOLERANCE = 1e-9;

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance;
}

function compareRecord(name: string, got: Record<string, number>, want: Record<string, number>): string[] {
  const out: string[] = [];
  const fields = new Set([...Object.keys(got), ...Object.keys(want)]);
  for (const field of fields) {
    const g = got[field];
    const w = want[field];
    if (g === undefined || w === undefined || !close(g, w, FEATURE_TOLERANCE))
      out.push(`${name}.${field}: ${g} != ${w}`);
  }
  return out;
}

function compareFeatures(got: UserFeatures | null, want: UserFeatures): string[] {
  if (got === null) return ["features missing"];
  const out: string[] = [];
  if (got.ratingCount !== want.ratingCount) out.push(`ratingCount ${got.ratingCount} != ${want.ratingCount}`);
  if (!close(got.averageRating, want.averageRating, FEATURE_TOLERANCE))
    out.push(`averageRating ${got.averageRating} != ${want.averageRating}`);
  if (got.lastRatingAt !== want.lastRatingAt)
    out.push(`lastRatingAt ${got.lastRatingAt} != ${want.lastRatingAt}`);
  if (!close(got.daysSinceLastRating, want.daysSinceLastRating, FEATURE_TOLERANCE))
    out.push(`daysSinceLastRating ${got.daysSinceLastRating} != ${want.daysSinceLastRating}`);
  out.push(...compareRecord("genreAffinity", got.genreAffinity, want.genreAffinity));
  out.push(...compareRecord("genreLikedShare", got.genreLikedShare, want.genreLikedShare));
  return out;
}

function compareVector(model: string, got: Float32Array | null, want: Float32Array | null): string[] {
  if (got === null || want === null)
    return got === want ? [] : [`${model}: ${got === null ? "missing" : "unexpected"} user vector`];
  if (got.length !== want.length) return [`${model}: dimension ${got.length} != ${want.length}`];
  const worst = got.reduce((max, value, d) => Math.max(max, Math.abs(value - (want[d] as number))), 0);
  return worst <= VECTOR_TOLERANCE ? [] : [`${model}: differs by ${worst}`];
}

/** Every difference between one user's stored state and the offline expectation, as readable lines. */
async function userProblems(cache: FeatureCache, want: ExpectedUser, asOf: number): Promise<string[]> {
  const { userId } = want;
  const models = [...want.embeddings.keys()];
  const [history, hash, vectors] = await Promise.all([
    cache.lrange(keys.userHistory(userId), 0, -1),
    cache.hgetall(keys.userFeatures(userId)),
    cache.mgetVectors(models.map((m) => keys.userEmbedding(userId, m, SCENARIO_VERSION))),
  ]);
  const out: string[] = [];
  const entries = history.map(decodeHistoryEntry);
  const at = Array.from({ length: Math.max(entries.length, want.history.length) }, (_, i) => i).find(
    (i) => !isDeepStrictEqual(entries[i], want.history[i]),
  );
  if (at !== undefined)
    out.push(`history entry ${at}: ${JSON.stringify(entries[at])} != ${JSON.stringify(want.history[at])}`);
  const tally = tallyOfFeatureHash(hash);
  out.push(...compareFeatures(tally && featuresOfTally(userId, tally, asOf), want.features));
  models.forEach((model, i) => {
    out.push(...compareVector(model, vectors[i] ?? null, want.embeddings.get(model) ?? null));
  });
  return out.map((line) => `user ${userId}: ${line}`);
}

/** Differences between the stored `i:{item}:next` sets and the offline graph, both ways (missing and extra edges). */
async function edgeProblems(cache: FeatureCache, expected: ExpectedState): Promise<string[]> {
  const out: string[] = [];
  const lists = await Promise.all(
    expected.itemIds.map((item) => cache.zrevrange(keys.itemNext(item), 0, -1)),
  );
  expected.itemIds.forEach((from, i) => {
    const got = new Map((lists[i] ?? []).map((m) => [m.member, m.score]));
    const want = expected.edges.get(from) ?? new Map<string, number>();
    for (const [to, weight] of want)
      if (got.get(to) !== weight) out.push(`edge ${from}->${to}: ${got.get(to)} != ${weight}`);
    for (const [to, weight] of got) if (!want.has(to)) out.push(`extra edge ${from}->${to} (${weight})`);
  });
  return out;
}

/** Asserts the cache holds exactly the offline expectation: history, features, user vectors and graph edges. */
export async function assertStateMatches(cache: FeatureCache, expected: ExpectedState): Promise<void> {
  const perUser = await Promise.all(
    [...expected.users.values()].map((want) => userProblems(cache, want, expected.asOf)),
  );
  const problems = [...perUser.flat(), ...(await edgeProblems(cache, expected))];
  const shown = problems.slice(0, 15).join("\n");
  assert.equal(problems.length, 0, `${problems.length} differences from the offline state:\n${shown}`);
}
