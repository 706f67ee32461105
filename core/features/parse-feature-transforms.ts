import { z } from "zod";
import { ValidationError } from "../errors.ts";
import { FEATURE_TRANSFORMS_FORMAT, type FeatureTransforms } from "./feature-transforms.ts";

const isStrictlyAscending = (values: readonly number[]): boolean =>
  values.every((value, i) => i === 0 || (values[i - 1] as number) < value);

const isSortedUnique = (values: readonly string[]): boolean =>
  values.every((value, i) => i === 0 || (values[i - 1] as string) < value);

const rangeSchema = z
  .strictObject({ min: z.number(), max: z.number() })
  .refine((range) => range.min <= range.max, { message: "max must be >= min", path: ["max"] });

const transformsSchema = z.strictObject({
  formatVersion: z.literal(FEATURE_TRANSFORMS_FORMAT),
  genres: z.array(z.string().min(1)).refine(isSortedUnique, "genres must be sorted and unique"),
  minMax: z.record(z.string(), rangeSchema),
  buckets: z.record(
    z.string(),
    z.array(z.number()).refine(isStrictlyAscending, "boundaries must be strictly ascending"),
  ),
  bayesianPrior: z.strictObject({ weight: z.number().min(0), mean: z.number() }),
});

/** Validate decoded JSON as `FeatureTransforms`; throws a `ValidationError` naming the first bad field. */
export function parseFeatureTransforms(json: unknown): FeatureTransforms {
  const result = transformsSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ field: fieldOf(issue), message: issue.message }));
  const first = issues[0] as { field: string; message: string };
  throw new ValidationError(`Invalid feature transforms: ${first.field}: ${first.message}`, issues);
}

function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path.length > 0 ? path.join(".") : "(transforms)";
}
