import type { InteractionRow } from "./interactions.ts";

/** Shape of a planted low-rank data set: users and items fall in `groups`, users mostly pick their group. */
export interface PlantedShape {
  readonly groups: number;
  readonly usersPerGroup: number;
  readonly itemsPerGroup: number;
  /** Training interactions drawn per user (repeats are dropped). */
  readonly perUser: number;
  /** In-group items per user kept out of training, to be ranked. */
  readonly heldOutPerUser: number;
  /** Probability that a training draw comes from the user's own group. */
  readonly purity: number;
  readonly seed: number;
}

export interface PlantedData {
  readonly ratings: InteractionRow[];
  /** userId -> in-group items the user never interacted with in training. */
  readonly heldOut: ReadonlyMap<string, readonly string[]>;
  readonly itemIds: readonly string[];
}

/** Group of a planted user or item id ("u7", "i12"): its number modulo the group count. */
export function plantedGroup(id: string, groups: number): number {
  return Number(id.slice(1)) % groups;
}

/** Generates a planted data set (test fixture); the same shape and seed give the same data. */
export function plantedGroups(shape: PlantedShape): PlantedData {
  const random = seededRandom(shape.seed);
  const itemCount = shape.groups * shape.itemsPerGroup;
  const itemIds = Array.from({ length: itemCount }, (_, i) => `i${i}`);
  const pick = (from: readonly string[]) => from[Math.floor(random() * from.length)] as string;
  const ratings: InteractionRow[] = [];
  const heldOut = new Map<string, readonly string[]>();
  for (let u = 0; u < shape.groups * shape.usersPerGroup; u++) {
    const userId = `u${u}`;
    const group = u % shape.groups;
    const own = itemIds.filter((id) => plantedGroup(id, shape.groups) === group);
    const others = itemIds.filter((id) => plantedGroup(id, shape.groups) !== group);
    const held = new Set<string>();
    while (held.size < shape.heldOutPerUser) held.add(pick(own));
    const seen = new Set<string>();
    for (let n = 0; n < shape.perUser; n++) {
      const itemId = random() < shape.purity ? pick(own) : pick(others);
      if (held.has(itemId) || seen.has(itemId)) continue;
      seen.add(itemId);
      ratings.push({ userId, itemId, rating: 4 });
    }
    heldOut.set(userId, [...held]);
  }
  return { ratings, heldOut, itemIds };
}

/** xorshift32 mapped to [0, 1). */
function seededRandom(seed: number): () => number {
  let state = (seed ^ 0x5bd1e995) | 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}
