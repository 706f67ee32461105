import { writeFileSync } from "node:fs";
import { jsonSchemaFiles } from "./json-schema-files.ts";

/** Writes schemas/json/*.schema.json for producers in other languages; a test checks they are current. */
for (const [path, text] of jsonSchemaFiles()) {
  writeFileSync(new URL(`./json/${path}`, import.meta.url), text);
  process.stdout.write(`wrote schemas/json/${path}\n`);
}
