import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { loadServiceEndpoints } from "../../core/config/index.ts";

/** Debian's `chromium` package; CI installs it (.ci/run), playwright-core never downloads a browser. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** The Chromium binary the browser tests drive: RECSYS_CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string {
  const given = process.env.RECSYS_CHROMIUM_PATH;
  return given && given.trim() !== "" ? given : DEFAULT_CHROMIUM_PATH;
}

/**
 * Whether the browser tests can run: false when Chromium is installed, else the reason to skip. Under
 * RECSYS_REQUIRE_SERVICES=1 (CI) a missing browser throws, so the run fails instead of skipping.
 */
export function chromiumSkip(): false | string {
  const path = chromiumPath();
  if (existsSync(path)) return false;
  const reason = `no Chromium at ${path}: install Debian's chromium or set RECSYS_CHROMIUM_PATH`;
  if (loadServiceEndpoints().requireServices) throw new Error(`RECSYS_REQUIRE_SERVICES=1 but ${reason}`);
  process.stderr.write(`# browser: skipping browser tests: ${reason}\n`);
  return reason;
}

/** Headless Chromium through playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, timeout: 30_000 });
}

/** What went wrong inside the page: uncaught script errors, console errors, failed requests. */
export interface PageProblems {
  /** Uncaught exceptions of the page's scripts: always a bug. */
  readonly scriptErrors: string[];
  /** Console errors and failed requests, for failure messages. */
  readonly log: string[];
}

/** Starts recording the page's problems; read the returned lists in assertions and failure messages. */
export function recordPageProblems(page: Page): PageProblems {
  const problems: PageProblems = { scriptErrors: [], log: [] };
  page.on("pageerror", (error) => {
    problems.scriptErrors.push(`${error.name}: ${error.message}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.log.push(`console: ${message.text()}`);
  });
  page.on("requestfailed", (request) => {
    problems.log.push(
      `request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ""}`,
    );
  });
  return problems;
}
