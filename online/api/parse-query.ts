import type { Context } from "hono";
import type { z } from "zod";
import { ValidationError } from "../../core/errors.ts";

/**
 * Reads the query string against a zod object of string fields: every parameter may be given once (a repeated
 * `k` is ambiguous, so 400), and the first issue names its field.
 */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  // No prototype: a `__proto__` parameter stays an own key, so it is refused as unknown like any other.
  const raw: Record<string, string> = Object.create(null);
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) {
      const message = "must be given once";
      throw new ValidationError(`query parameter ${name} ${message}`, [{ field: name, message }]);
    }
    raw[name] = values[0] ?? "";
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    // An unknown parameter is named itself, so a typo such as `?kk=5` points at the culprit.
    if (issue.code === "unrecognized_keys")
      return { field: issue.keys[0] ?? "(query)", message: "unknown parameter" };
    return { field: issue.path.map(String).join(".") || "(query)", message: issue.message };
  });
  const first = issues[0] ?? { field: "(query)", message: "invalid" };
  throw new ValidationError(`query parameter ${first.field}: ${first.message}`, issues);
}
