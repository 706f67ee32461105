import { readdirSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import type { Context, Hono } from "hono";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
};

// Pages build the DOM with textContent from same-origin JSON; the policy forbids everything else, so a
// title that smuggles markup has nowhere to run even if a bug ever put it into innerHTML.
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  // The files are small and change with a deploy; revalidating each time keeps pages and scripts in step.
  "cache-control": "no-cache",
};

interface WebFile {
  readonly body: string;
  readonly contentType: string;
}

/** Every file of one folder, read once: the set of servable names is fixed, so no path reaches the disk. */
function readFolder(folder: URL): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const name of readdirSync(folder)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) files.set(name, { body: readFileSync(new URL(name, folder), "utf8"), contentType });
  }
  return files;
}

function send(c: Context, file: WebFile | undefined): Response {
  if (!file) return c.text("not found", 404, SECURITY_HEADERS);
  return c.body(file.body, 200, { ...SECURITY_HEADERS, "content-type": file.contentType });
}

/**
 * The web UI: `/` (home), `/movies/:id`, `/users/:id` and their scripts and styles under `/static/`.
 * Pages are static shells; their scripts fetch `/api/v1` and render in the browser.
 */
export const webRoutes = () => (app: Hono) => {
  const pages = readFolder(new URL("./pages/", import.meta.url));
  const statics = readFolder(new URL("./static/", import.meta.url));
  app.get("/", (c) => send(c, pages.get("home.html")));
  app.get("/movies/:id", (c) => send(c, pages.get("movie.html")));
  app.get("/users/:id", (c) => send(c, pages.get("user.html")));
  app.get("/static/:name", (c) => send(c, statics.get(c.req.param("name"))));
};
