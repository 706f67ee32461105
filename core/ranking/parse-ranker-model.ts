import { z } from "zod";
import { ValidationError } from "../errors.ts";
import { RANKER_MODEL_FORMAT, type RankerModel } from "./ranker-model.ts";
import { rankerShapeIssue } from "./ranker-model-shape.ts";

const isUnique = (values: readonly string[]): boolean => new Set(values).size === values.length;

const layerSchema = z.strictObject({
  inputs: z.int().min(1),
  outputs: z.int().min(1),
  weights: z.array(z.number()),
  biases: z.array(z.number()),
});

// z.number() rejects NaN and ±Infinity, so every stored number is finite.
const modelSchema = z
  .strictObject({
    formatVersion: z.literal(RANKER_MODEL_FORMAT),
    featureNames: z.array(z.string().min(1)).min(1).refine(isUnique, "feature names must be unique"),
    normalisation: z.strictObject({
      mean: z.array(z.number()),
      std: z.array(z.number().positive()),
    }),
    wide: z.strictObject({ weights: z.array(z.number()), bias: z.number() }),
    deep: z.strictObject({ layers: z.array(layerSchema) }),
  })
  .superRefine((model, context) => {
    const issue = rankerShapeIssue(model);
    if (issue !== null) context.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

/** Validate decoded JSON as a `RankerModel`; throws a `ValidationError` naming the first bad field. */
export function parseRankerModel(json: unknown): RankerModel {
  const result = modelSchema.safeParse(json);
  if (result.success) return result.data satisfies RankerModel;
  const issues = result.error.issues.map((issue) => ({ field: fieldOf(issue), message: issue.message }));
  const first = issues[0] as { field: string; message: string };
  throw new ValidationError(`Invalid ranker model: ${first.field}: ${first.message}`, issues);
}

function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path.length > 0 ? path.join(".") : "(model)";
}
