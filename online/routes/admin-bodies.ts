import type { Context } from "hono";
import { z } from "zod";
import { ValidationError } from "../../core/errors.ts";
import { idSchema } from "../../schemas/index.ts";
import { armParamsSchema, quotasSchema } from "../experiments/arm-params.ts";
import { checkJsonContentType, parseJsonText } from "../ingest/index.ts";

const MAX_ARMS = 20;

export const eligibilityBodySchema = z.strictObject({ eligible: z.boolean() });

export const rollbackBodySchema = z.strictObject({
  /** One pointer kind to roll back; all kinds when absent. */
  kind: idSchema.optional(),
  /** The version to return to; the previous one when absent. */
  version: idSchema.optional(),
});

export const quotasBodySchema = z.strictObject({ quotas: quotasSchema });

const armBodySchema = z.strictObject({
  name: idSchema,
  weight: z.number().min(0, "a weight of 0 or more").finite(),
  params: z.record(z.string(), z.unknown()).default({}),
});

/** An experiment as PUT: the id comes from the path (a body id must match it). */
export const experimentBodySchema = z
  .strictObject({
    id: idSchema.optional(),
    description: z.string().max(1000).default(""),
    active: z.boolean().default(true),
    arms: z.array(armBodySchema).min(1, "at least one arm").max(MAX_ARMS, `at most ${MAX_ARMS} arms`),
  })
  .superRefine((body, context) => {
    if (!body.arms.some((arm) => arm.weight > 0)) {
      context.addIssue({
        code: "custom",
        path: ["arms"],
        message: "at least one arm needs a weight above 0",
      });
    }
    const seen = new Set<string>();
    body.arms.forEach((arm, index) => {
      if (seen.has(arm.name)) {
        context.addIssue({
          code: "custom",
          path: ["arms", index, "name"],
          message: "arm names must be unique",
        });
      }
      seen.add(arm.name);
      const params = armParamsSchema.safeParse(arm.params);
      for (const issue of params.success ? [] : params.error.issues) {
        context.addIssue({
          code: "custom",
          path: ["arms", index, "params", ...issue.path],
          message: issue.message,
        });
      }
    });
  });

/** Parse a JSON request body with a schema; a 400 names the first offending field. An empty body is `{}`. */
export async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim().length > 0) {
    checkJsonContentType(c.req.header("content-type"));
    body = parseJsonText(text);
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ field: fieldOf(issue), message: issue.message }));
  const first = issues[0];
  throw new ValidationError(`invalid body: ${first?.field}: ${first?.message}`, issues);
}

function fieldOf(issue: z.core.$ZodIssue): string {
  // An unknown key is reported on its parent; name the key itself.
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  return path.length === 0 ? "(body)" : path.map(String).join(".");
}
