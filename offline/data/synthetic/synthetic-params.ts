import { ValidationError } from "../../../core/errors.ts";

/** Shape of a synthetic data set; `genres` and `clusters` get defaults from the item count. */
export interface SyntheticShape {
  users: number;
  items: number;
  ratings: number;
  genres?: number;
  clusters?: number;
  seed: number;
}

export type ResolvedShape = Required<SyntheticShape>;

const DEFAULT_GENRES = 19;
const MAX_GENRES = 1000;
const MAX_CLUSTERS = 65535;
const MAX_IDS = 2 ** 31 - 1;

/** Fills defaults and checks every field, throwing a ValidationError that names the first bad one. */
export function resolveShape(shape: SyntheticShape): ResolvedShape {
  const issues: { field: string; message: string }[] = [];
  const integer = (field: string, value: unknown, min: number, max: number) => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      issues.push({
        field,
        message: `${field} must be an integer from ${min} to ${max}, got ${String(value)}`,
      });
    }
  };
  integer("users", shape.users, 1, MAX_IDS);
  integer("items", shape.items, 1, MAX_IDS);
  integer("ratings", shape.ratings, 1, Number.MAX_SAFE_INTEGER);
  integer("seed", shape.seed, 0, Number.MAX_SAFE_INTEGER);
  const items = Number.isInteger(shape.items) && shape.items > 0 ? shape.items : 1;
  const clusters = shape.clusters ?? defaultClusters(items);
  integer("genres", shape.genres ?? DEFAULT_GENRES, 1, MAX_GENRES);
  integer("clusters", clusters, 1, Math.min(items, MAX_CLUSTERS));
  if (issues.length === 0 && shape.ratings < shape.users) {
    issues.push({ field: "ratings", message: "ratings must be at least users (every user rates something)" });
  }
  if (issues.length === 0 && shape.ratings > shape.users * shape.items) {
    issues.push({ field: "ratings", message: "ratings cannot exceed users × items (one rating per pair)" });
  }
  if (issues.length > 0) {
    throw new ValidationError(`Invalid synthetic data parameters: ${issues[0]?.message}`, issues);
  }
  return { ...shape, genres: shape.genres ?? DEFAULT_GENRES, clusters };
}

/** About half the square root of the item count, between 2 and 64 (and never more than the items). */
function defaultClusters(items: number): number {
  return Math.min(items, Math.max(2, Math.min(64, Math.floor(Math.sqrt(items) / 2))));
}
