import { ValidationError } from "../../errors.ts";

/** Longest lease name or holder, in characters: the width of the leases columns. */
export const MAX_LEASE_FIELD_LENGTH = 128;

/** Throw a ValidationError naming every bad lease argument; `ttlMs` is checked only when given. */
export function checkLeaseInput(name: string, holder: string, ttlMs?: number): void {
  const issues: { field: string; message: string }[] = [];
  for (const [field, value] of [
    ["name", name],
    ["holder", holder],
  ] as const) {
    if (typeof value !== "string" || value.length === 0 || value.length > MAX_LEASE_FIELD_LENGTH) {
      issues.push({ field, message: `must be a string of 1-${MAX_LEASE_FIELD_LENGTH} characters` });
    }
  }
  if (ttlMs !== undefined && !(Number.isSafeInteger(ttlMs) && ttlMs > 0)) {
    issues.push({ field: "ttlMs", message: "must be a positive integer" });
  }
  if (issues.length > 0) {
    const text = issues.map((issue) => `${issue.field} ${issue.message}`).join("; ");
    throw new ValidationError(`invalid lease request: ${text}`, issues);
  }
}
