import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openApiDocument } from "./openapi.ts";
import { GENRE_SORTS, RANK_MODELS, SIMILAR_METHODS } from "./query-schemas.ts";

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: Record<string, unknown>;
}
interface OperationJson {
  summary: string;
  parameters: Parameter[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  requestBody?: unknown;
}
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OperationJson>>;
  components: { schemas: Record<string, unknown> };
};

/** The document as a client sees it: through JSON. */
const document = JSON.parse(JSON.stringify(openApiDocument())) as Document;

const operation = (path: string, method = "get"): OperationJson => {
  const op = document.paths[path]?.[method];
  assert.ok(op, `${method.toUpperCase()} ${path} is documented`);
  return op;
};
const parameter = (path: string, name: string): Parameter => {
  const found = operation(path).parameters.find((p) => p.name === name);
  assert.ok(found, `${path} documents ${name}`);
  return found;
};
/** Every enum value listed anywhere in a JSON schema. */
const enumValues = (schema: unknown): unknown[] => JSON.stringify(schema).match(/"enum":\[[^\]]*\]/g) ?? [];

describe("openApiDocument", () => {
  it("is OpenAPI 3.1.0 and survives JSON unchanged", () => {
    assert.equal(document.openapi, "3.1.0");
    assert.equal(document.info.title, "Starling");
    assert.deepEqual(document, JSON.parse(JSON.stringify(openApiDocument())));
    assert.ok(document.components.schemas.Problem, "the problem body is a shared component");
  });

  it("documents every public path", () => {
    const expected = [
      ["get", "/api/v1/users/{id}/recommendations"],
      ["get", "/api/v1/users/{id}"],
      ["get", "/api/v1/items/{id}/similar"],
      ["get", "/api/v1/items/{id}"],
      ["get", "/api/v1/genres"],
      ["get", "/api/v1/genres/{genre}/items"],
      ["get", "/api/v1/trending"],
      ["post", "/api/v1/events"],
      ["get", "/healthz"],
      ["get", "/readyz"],
      ["get", "/metrics"],
    ] as const;
    for (const [method, path] of expected) {
      const op = operation(path, method);
      assert.ok(op.summary.length > 0, `${path} has a summary`);
      assert.ok(op.responses["400"], `${path} documents its 400`);
    }
    assert.ok(document.paths["/api/v1/events"]?.post?.requestBody, "the events body is described");
    assert.ok(operation("/api/v1/events", "post").responses["202"]);
  });

  it("every {param} of a path is a required path parameter", () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(methods)) {
        for (const name of names) {
          const p = op.parameters.find((x) => x.name === name);
          assert.ok(p, `${path} documents {${name}}`);
          assert.equal(p.in, "path");
          assert.equal(p.required, true);
        }
      }
    }
  });

  it("query parameters carry their schemas: bounds of k, the enums of model, method and sort", () => {
    const recommendations = "/api/v1/users/{id}/recommendations";
    const names = operation(recommendations)
      .parameters.filter((p) => p.in === "query")
      .map((p) => p.name);
    assert.deepEqual(names.sort(), ["exclude", "explain", "k", "model"]);
    assert.match(JSON.stringify(parameter(recommendations, "k").schema), /\^\\\\d\{1,9\}\$/);
    assert.deepEqual(enumValues(parameter(recommendations, "model").schema), [
      `"enum":${JSON.stringify(RANK_MODELS)}`,
    ]);
    assert.deepEqual(enumValues(parameter("/api/v1/items/{id}/similar", "method").schema), [
      `"enum":${JSON.stringify(SIMILAR_METHODS)}`,
    ]);
    assert.deepEqual(enumValues(parameter("/api/v1/genres/{genre}/items", "sort").schema), [
      `"enum":${JSON.stringify(GENRE_SORTS)}`,
    ]);
    assert.ok(parameter("/api/v1/trending", "k"));
    for (const p of operation(recommendations).parameters) assert.equal(typeof p.schema, "object");
  });

  it("success responses of the read endpoints have JSON schemas naming their fields", () => {
    const recommendations = operation("/api/v1/users/{id}/recommendations").responses["200"];
    const schema = JSON.stringify(recommendations?.content?.["application/json"]?.schema);
    for (const field of ["coldStart", "degradedReasons", "modelVersion", "channels", "explain"]) {
      assert.ok(schema.includes(`"${field}"`), `the recommendations schema names ${field}`);
    }
    for (const path of ["/api/v1/users/{id}", "/api/v1/items/{id}/similar", "/api/v1/trending"]) {
      assert.ok(operation(path).responses["200"]?.content?.["application/json"], `${path} has a schema`);
    }
  });
});
