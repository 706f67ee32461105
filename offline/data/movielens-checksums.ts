/** Default download location of MovieLens ml-latest-small. */
export const ML_LATEST_SMALL_URL = "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip";

/** Folder the ml-latest-small zip unpacks into. */
export const ML_LATEST_SMALL_DIR = "ml-latest-small";

/** SHA-256 of each CSV in ml-latest-small, computed from a verified copy. */
export const ML_LATEST_SMALL_SHA256: Readonly<Record<string, string>> = {
  "links.csv": "028a4a1d17751ca9276e0e0718cfc22356350f224a996e1ec348c23274b9209d",
  "movies.csv": "c47b783f23eb304413307e1bb05335e427737da20ec8d3c0e96335567dd5f3dc",
  "ratings.csv": "80da8b3393dae325bbba5a31f291a6ba55d8d4f4396de3c456f2c1635b1b70e8",
  "tags.csv": "68eec00a0820c2faa8863a6df7032f13d5899a4462bce9a97213905297ff3d34",
};
