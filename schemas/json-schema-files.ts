import { z } from "zod";
import { clickEventSchema, eventSchema, impressionEventSchema, ratingEventSchema } from "./events.ts";

const schemas = {
  "event.schema.json": eventSchema,
  "rating-event.schema.json": ratingEventSchema,
  "click-event.schema.json": clickEventSchema,
  "impression-event.schema.json": impressionEventSchema,
} as const;

/** File name -> JSON Schema text of every event schema. */
export function jsonSchemaFiles(): [string, string][] {
  return Object.entries(schemas).map(([name, schema]) => {
    const json = z.toJSONSchema(schema, { target: "draft-2020-12" });
    return [name, `${JSON.stringify({ $id: `https://starling.local/schemas/${name}`, ...json }, null, 2)}\n`];
  });
}
