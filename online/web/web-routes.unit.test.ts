import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { webRoutes } from "./web-routes.ts";

const app = new Hono();
webRoutes()(app);
const get = (path: string) => app.request(path);

const staticDir = new URL("./static/", import.meta.url);
const scripts = readdirSync(staticDir).filter((name) => name.endsWith(".js"));

describe("web routes", () => {
  for (const [path, title] of [
    ["/", "Home"],
    ["/movies/2571", "Movie"],
    ["/users/1", "User"],
  ] as const) {
    it(`GET ${path} serves the ${title} page with a strict content security policy`, async () => {
      const response = await get(path);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
      assert.match(response.headers.get("content-security-policy") ?? "", /script-src 'self';/);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.match(await response.text(), new RegExp(`<title>${title} · Starling</title>`));
    });
  }

  it("serves scripts and styles with their content types", async () => {
    const script = await get("/static/home.js");
    assert.equal(script.status, 200);
    assert.equal(script.headers.get("content-type"), "text/javascript; charset=utf-8");
    const style = await get("/static/style.css");
    assert.equal(style.headers.get("content-type"), "text/css; charset=utf-8");
    assert.equal(await style.text(), readFileSync(new URL("style.css", staticDir), "utf8"));
  });

  it("answers 404 for unknown files and for paths that try to leave the folder", async () => {
    for (const path of [
      "/static/nope.js",
      "/static/..%2Fweb-routes.ts",
      "/static/%2e%2e%2fweb-routes.ts",
      "/static/../web-routes.ts",
      "/static/",
      "/movies/1/extra",
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(await response.text(), /webRoutes/, path);
    }
  });

  it("every script a page loads and every module a script imports is served", async () => {
    const referenced = new Set<string>();
    for (const page of ["/", "/movies/2571", "/users/1"]) {
      const html = await (await get(page)).text();
      for (const m of html.matchAll(/(?:src|href)="\/static\/([^"]+)"/g)) referenced.add(m[1] as string);
    }
    for (const script of scripts) {
      const code = readFileSync(new URL(script, staticDir), "utf8");
      for (const m of code.matchAll(/from "\.\/([^"]+)"/g)) referenced.add(m[1] as string);
    }
    assert.ok(referenced.size > 5, [...referenced].join(", "));
    for (const name of referenced) assert.equal((await get(`/static/${name}`)).status, 200, name);
  });

  it("no script parses data as HTML", () => {
    for (const script of scripts) {
      const code = readFileSync(new URL(script, staticDir), "utf8");
      assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/, script);
    }
  });
});
