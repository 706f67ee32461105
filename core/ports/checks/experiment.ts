import { z } from "zod";
import { ValidationError } from "../../errors.ts";
import type { Experiment } from "../control-store.ts";

const armSchema = z.object({
  name: z.string().min(1, "arm name must not be empty"),
  // 0 parks an arm (no user is bucketed into it) without deleting its definition.
  weight: z.number().min(0, "arm weight must not be negative").finite("arm weight must be finite"),
  params: z.record(z.string(), z.unknown()),
});

const experimentSchema = z.object({
  id: z.string().min(1, "experiment id must not be empty"),
  description: z.string(),
  active: z.boolean(),
  arms: z
    .array(armSchema)
    .min(1, "an experiment needs at least one arm")
    .refine((arms) => new Set(arms.map((arm) => arm.name)).size === arms.length, "arm names must be unique")
    .refine((arms) => arms.some((arm) => arm.weight > 0), "at least one arm needs a weight above 0"),
});

/** Check an experiment before it is stored; the ValidationError names the first bad field (e.g. `arms.1.weight`). */
export function validateExperiment(experiment: Experiment): void {
  const result = experimentSchema.safeParse(experiment);
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.length === 0 ? "experiment" : issue.path.map(String).join("."),
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
  throw new ValidationError(`invalid experiment '${experiment.id}': ${summary}`, issues);
}
