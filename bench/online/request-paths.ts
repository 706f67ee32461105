import { seededRandom } from "../../core/ann/random.ts";
import { openDataset } from "../../offline/data/index.ts";

/** The ids requests are drawn from: every user who rated something, every movie of the catalogue. */
export interface DatasetIds {
  readonly users: readonly string[];
  readonly items: readonly string[];
}

/** Reads the MovieLens copy's user ids (from the ratings) and item ids (from movies.csv). */
export async function datasetIds(dataDir: string): Promise<DatasetIds> {
  const dataset = await openDataset(dataDir);
  const users = new Set<string>();
  for await (const rating of dataset.ratings()) users.add(rating.userId);
  const items: string[] = [];
  for await (const movie of dataset.movies()) items.push(movie.itemId);
  return { users: [...users], items };
}

/** A path generator drawing one id uniformly at random per call (seeded, so runs draw the same sequence). */
export function randomPaths(
  ids: readonly string[],
  path: (id: string) => string,
  seed: number,
): () => string {
  if (ids.length === 0) throw new Error("no ids to draw request paths from");
  const random = seededRandom(seed);
  return () => path(ids[Math.floor(random.uniform() * ids.length)] as string);
}

export const recommendationsPath = (userId: string) =>
  `/api/v1/users/${encodeURIComponent(userId)}/recommendations?k=10`;
export const similarPath = (itemId: string) =>
  `/api/v1/items/${encodeURIComponent(itemId)}/similar?k=10&method=item2vec`;
