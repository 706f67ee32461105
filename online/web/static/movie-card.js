import { el } from "./dom.js";

export const moviePath = (id) => `/movies/${encodeURIComponent(id)}`;

/** Year and genres on one line, e.g. "1999 · Action, Sci-Fi". */
export function movieMeta(item) {
  const genres = Array.isArray(item.genres) ? item.genres.join(", ") : "";
  return [item.year ?? "", genres].filter((part) => part !== "").join(" · ");
}

function initials(title) {
  const words = String(title ?? "?")
    .replace(/\(\d{4}\)\s*$/, "")
    .split(/\s+/)
    .filter((w) => /^[\p{L}\p{N}]/u.test(w));
  return (
    words
      .slice(0, 2)
      .map((w) => w[0])
      .join("")
      .toUpperCase() || "?"
  );
}

/** A stable hue per item id, so a movie keeps its colour on every page. */
function hueOf(id) {
  let hash = 0;
  for (const ch of String(id)) hash = (hash * 31 + ch.codePointAt(0)) % 360;
  return hash;
}

/**
 * A link to a movie page. It carries data-item-id, which is what the click tracker listens for; the coloured
 * tile is decorative, the title is the link's accessible name.
 */
export function movieLink(item, testid = "movie-link") {
  const poster = el("span", { class: "poster", "aria-hidden": "true", text: initials(item.title) });
  poster.style.setProperty("--hue", String(hueOf(item.itemId)));
  return el(
    "a",
    { href: moviePath(item.itemId), class: "movie-link", testid, dataset: { itemId: item.itemId } },
    poster,
    el("span", { class: "title", text: item.title ?? `Movie ${item.itemId}` }),
  );
}

/** A card for rows and columns: link, year and genres, and optional extra lines. */
export function movieCard(item, { testid, extra = [] } = {}) {
  return el(
    "li",
    { class: "card", testid, dataset: { itemId: item.itemId } },
    movieLink(item),
    el("span", { class: "meta", text: movieMeta(item) }),
    ...extra,
  );
}
