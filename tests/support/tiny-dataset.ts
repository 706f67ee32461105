import type { Dataset, Movie, Rating } from "../../offline/data/index.ts";

/** Three movies: a well-liked comedy (30 ratings), a one-rating comedy drama, a disliked drama. */
export const tinyMovies: Movie[] = [
  { itemId: "1", title: "Solid Comedy (1990)", year: 1990, genres: ["Comedy"] },
  { itemId: "2", title: "One-Hit Comedy (1991)", year: 1991, genres: ["Comedy", "Drama"] },
  { itemId: "3", title: "Weak Drama (1992)", year: 1992, genres: ["Drama"] },
];

export function tinyRatings(): Rating[] {
  const out: Rating[] = [{ userId: "u0", itemId: "2", rating: 5, timestamp: Date.UTC(2000, 0, 1) }];
  for (let u = 1; u <= 30; u++) {
    out.push({ userId: `u${u}`, itemId: "1", rating: 4.5, timestamp: Date.UTC(2000, 0, 1, 0, u) });
    out.push({ userId: `u${u}`, itemId: "3", rating: 2, timestamp: Date.UTC(2000, 0, 1, 1, u) });
  }
  return out;
}

/** The tiny data set behind the Dataset interface, in memory. */
export function tinyDataset(): Dataset {
  return {
    format: "ml-latest",
    dir: "(memory)",
    movies: async function* () {
      yield* tinyMovies;
    },
    ratings: async function* () {
      yield* tinyRatings();
    },
    reports: () => [],
  };
}
