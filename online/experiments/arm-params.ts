import { z } from "zod";
import { idSchema } from "../../schemas/index.ts";

/** Largest quota a channel may be given (candidates it recalls per request). */
export const MAX_CHANNEL_QUOTA = 500;
const MAX_CHANNELS = 64;

/** Channel name -> how many candidates it recalls; the shape of arm `quotas` and the `recall.quotas` switch. */
export const quotasSchema = z
  .record(idSchema, z.number().int().min(0).max(MAX_CHANNEL_QUOTA))
  .refine((quotas) => Object.keys(quotas).length <= MAX_CHANNELS, `at most ${MAX_CHANNELS} channels`);

export const RANKING_MODELS = ["ranker", "embedding"] as const;
export type RankingModel = (typeof RANKING_MODELS)[number];

/** What an experiment arm may change; other keys in an arm's params are kept in the store but ignored here. */
export const armParamsSchema = z.object({
  model: z.enum(RANKING_MODELS).optional(),
  quotas: quotasSchema.optional(),
});

export type ChannelQuotas = Readonly<Record<string, number>>;

export interface ArmParams {
  readonly model?: RankingModel;
  readonly quotas?: ChannelQuotas;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/** Parse an arm's params; on failure the problem names the field (`quotas.trending: ...`). */
export function parseArmParams(params: unknown): Parsed<ArmParams> {
  return parsedWith(armParamsSchema, params);
}

/** Parse the `recall.quotas` switch value (JSON text). */
export function parseQuotasSwitch(text: string): Parsed<ChannelQuotas> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: "not valid JSON" };
  }
  return parsedWith(quotasSchema, json);
}

function parsedWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "(params)";
  return { ok: false, problem: `${field}: ${issue?.message ?? "invalid"}` };
}
