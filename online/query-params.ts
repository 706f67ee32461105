import type { Context } from "hono";
import { ValidationError } from "../core/errors.ts";
import { idSchema } from "../schemas/index.ts";

/** Reads an integer query parameter strictly: one value, digits only, within [min, max]. */
export function intQuery(
  c: Context,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const values = c.req.queries(name) ?? [];
  if (values.length === 0) return bounds.fallback;
  const problem = (message: string) =>
    new ValidationError(`query parameter ${name} ${message}`, [{ field: name, message }]);
  if (values.length > 1) throw problem("must be given once");
  const raw = values[0] ?? "";
  if (!/^\d{1,9}$/.test(raw)) throw problem(`must be an integer from ${bounds.min} to ${bounds.max}`);
  const value = Number(raw);
  if (value < bounds.min || value > bounds.max)
    throw problem(`must be an integer from ${bounds.min} to ${bounds.max}`);
  return value;
}

/** Reads a path id with the same rules as event ids. */
export function idParam(c: Context, name: string): string {
  const raw = c.req.param(name) ?? "";
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "invalid id";
    throw new ValidationError(`path parameter ${name} is not a valid id`, [{ field: name, message }]);
  }
  return parsed.data;
}

/** Reads a genre name: printable, no slash, at most 64 characters. */
export function genreParam(c: Context, name: string): string {
  const raw = c.req.param(name) ?? "";
  // \p{C}: control, format (bidi overrides), unassigned and private-use characters.
  const hasControl = /\p{C}/u.test(raw);
  if (raw.length === 0 || raw.length > 64 || raw.includes("/") || hasControl) {
    const message = "a genre name of 1-64 printable characters without '/'";
    throw new ValidationError(`path parameter ${name} is not a valid genre`, [{ field: name, message }]);
  }
  return raw;
}
