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

/** The three pages: one shared shell (head and site header) around each page's own `<main>` content. */
const PAGES = [
  { name: "home", title: "Home" },
  { name: "movie", title: "Movie" },
  { name: "user", title: "User" },
] as const;

type PageName = (typeof PAGES)[number]["name"];

/** Puts `value` where `{{key}}` stands in `shell`; a missing placeholder is a broken shell, so mounting fails. */
function fill(shell: string, key: string, value: string): string {
  const placeholder = `{{${key}}}`;
  if (!shell.includes(placeholder)) throw new Error(`web page shell has no ${placeholder}`);
  return shell.replace(placeholder, () => value);
}

/** Each page built from `shell.html` and `<name>.main.html` once, at mount: still no build step. */
function buildPages(folder: URL): Map<PageName, WebFile> {
  const shell = readFileSync(new URL("shell.html", folder), "utf8");
  const pages = new Map<PageName, WebFile>();
  for (const { name, title } of PAGES) {
    // The shell's `{{main}}` line is replaced whole, so the page's content keeps its own indentation.
    const main = readFileSync(new URL(`${name}.main.html`, folder), "utf8").replace(/\n$/, "");
    let body = fill(shell, "title", title);
    body = fill(body, "script", `/static/${name}.js`);
    body = fill(body, "main", main);
    pages.set(name, { body, contentType: "text/html; charset=utf-8" });
  }
  return pages;
}

/**
 * The web UI: `/` (home), `/movies/:id`, `/users/:id` and their scripts and styles under `/static/`.
 * Pages are static shells; their scripts fetch `/api/v1` and render in the browser.
 */
export const webRoutes = () => (app: Hono) => {
  const pages = buildPages(new URL("./pages/", import.meta.url));
  const statics = readFolder(new URL("./static/", import.meta.url));
  app.get("/", (c) => send(c, pages.get("home")));
  app.get("/movies/:id", (c) => send(c, pages.get("movie")));
  app.get("/users/:id", (c) => send(c, pages.get("user")));
  app.get("/static/:name", (c) => send(c, statics.get(c.req.param("name"))));
};
