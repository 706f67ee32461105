// Every piece of data reaches the page through textContent or setAttribute, never through HTML parsing.

/**
 * Creates an element. `attrs` become attributes (`testid` -> data-testid, `dataset` -> data-*, `text` ->
 * textContent); children are nodes or strings (strings become text nodes). Null and false children are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = String(value);
    else if (name === "testid") node.setAttribute("data-testid", String(value));
    else if (name === "dataset") for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `node`. */
export function replaceChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** The first element with this data-testid (under `root`); throws when the page lacks it (a page bug). */
export function byTestId(id, root = document) {
  const found = root.querySelector(`[data-testid="${id}"]`);
  if (!found) throw new Error(`page has no element with data-testid="${id}"`);
  return found;
}

/** Sets a status line: its text and a `data-state` the styles and tests read (loading, ok, empty, error). */
export function setStatus(node, state, text) {
  node.dataset.state = state;
  node.textContent = text;
  node.hidden = text === "";
}

/** The path segment after `prefix` (e.g. "/movies/"), decoded; null when the path is not of that shape. */
export function pathId(prefix) {
  const path = window.location.pathname;
  if (!path.startsWith(prefix)) return null;
  const rest = path.slice(prefix.length);
  if (rest === "" || rest.includes("/")) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

/** A number with at most `digits` decimals, or a dash. */
export function formatNumber(value, digits = 3) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return Number(value.toFixed(digits)).toString();
}
