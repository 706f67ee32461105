import { z } from "zod";
import { eventSchema } from "../../schemas/index.ts";
import { genreItemsQuery, kOnlyQuery, recommendationsQuery, similarQuery } from "./query-schemas.ts";
import {
  genreItemsResponse,
  problemResponseSchema,
  recommendationsResponse,
  similarResponse,
  trendingResponse,
  userResponse,
} from "./response-schemas.ts";

interface Operation {
  readonly method: "get" | "post" | "put" | "delete";
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response?: z.ZodType;
  readonly status?: number;
}

/** The public API, described once; paths use OpenAPI's `{param}` form. */
const OPERATIONS: readonly Operation[] = [
  {
    method: "get",
    path: "/api/v1/users/{id}/recommendations",
    summary:
      "What this user should see now: recalled, filtered and ranked; unknown users get a cold-start list",
    query: recommendationsQuery,
    response: recommendationsResponse,
  },
  {
    method: "get",
    path: "/api/v1/users/{id}",
    summary: "The user's history, top genres and embedding version",
    response: userResponse,
  },
  {
    method: "get",
    path: "/api/v1/items/{id}/similar",
    summary: "Items nearest to this one by one embedding method, the behaviour graph, or LSH for comparison",
    query: similarQuery,
    response: similarResponse,
  },
  { method: "get", path: "/api/v1/items/{id}", summary: "One item with its published statistics" },
  { method: "get", path: "/api/v1/genres", summary: "Genre names" },
  {
    method: "get",
    path: "/api/v1/genres/{genre}/items",
    summary: "A genre's items by rating (Bayesian average), popularity or release year",
    query: genreItemsQuery,
    response: genreItemsResponse,
  },
  {
    method: "get",
    path: "/api/v1/trending",
    summary: "Items with the most recent activity (decayed counts kept by the nearline tier)",
    query: kOnlyQuery,
    response: trendingResponse,
  },
  {
    method: "post",
    path: "/api/v1/events",
    summary: "Ingest one event or {events:[...]}; 202 once the event log acknowledged",
    body: eventSchema,
    status: 202,
  },
  { method: "get", path: "/healthz", summary: "Liveness and the served popularity version" },
  { method: "get", path: "/readyz", summary: "Readiness: every dependency connected and a version loaded" },
  { method: "get", path: "/metrics", summary: "Prometheus metrics" },
];

/** A JSON Schema without its `$schema` line, which OpenAPI does not want on every nested schema. */
function bare(schema: Record<string, unknown>) {
  const { $schema: _, ...rest } = schema;
  return rest;
}
const schemaOf = (type: z.ZodType) => bare(z.toJSONSchema(type, { io: "input", unrepresentable: "any" }));
const outputSchemaOf = (type: z.ZodType) =>
  bare(z.toJSONSchema(type, { io: "output", unrepresentable: "any" }));

function parameters(op: Operation) {
  const path = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const query = Object.entries(op.query?.shape ?? {}).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    ...((field as z.ZodType).description ? { description: (field as z.ZodType).description } : {}),
    schema: schemaOf(field as z.ZodType),
  }));
  return [...path, ...query];
}

function operation(op: Operation) {
  const problem = { "application/json": { schema: { $ref: "#/components/schemas/Problem" } } };
  const ok = op.response ? { content: { "application/json": { schema: outputSchemaOf(op.response) } } } : {};
  return {
    summary: op.summary,
    parameters: parameters(op),
    ...(op.body ? { requestBody: { content: { "application/json": { schema: schemaOf(op.body) } } } } : {}),
    responses: {
      [String(op.status ?? 200)]: { description: "success", ...ok },
      "400": { description: "a bad parameter, named in `field`", content: problem },
    },
  };
}

/** The OpenAPI 3.1 document served at `/openapi.json`, generated from the same zod schemas the routes use. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const entry = paths[op.path] ?? {};
    entry[op.method] = operation(op);
    paths[op.path] = entry;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Starling",
      version: "1",
      description: "Event-driven recommendations: the online tier's API",
    },
    paths,
    components: { schemas: { Problem: outputSchemaOf(problemResponseSchema) } },
  };
}
