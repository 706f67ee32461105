import { api } from "./api.js";
import { byTestId, el, replaceChildren, setStatus } from "./dom.js";
import { initHeader } from "./header.js";
import { movieCard } from "./movie-card.js";

const ROW_SIZE = 12;
const GENRE_ROWS = 6;

async function renderTrending() {
  const status = byTestId("trending-status");
  const list = byTestId("trending-list");
  try {
    const { items } = await api.trending(ROW_SIZE);
    replaceChildren(
      list,
      items.map((item) => movieCard(item, { testid: "trending-item" })),
    );
    if (items.length === 0) {
      setStatus(status, "empty", "No trending movies yet: they appear as people rate and click.");
    } else setStatus(status, "ok", "");
  } catch (error) {
    setStatus(status, "error", `Trending is unavailable (${error.message}).`);
  }
}

function genreRow(genre) {
  const headingId = `genre-${genre.replace(/[^A-Za-z0-9]+/g, "-")}`;
  const status = el(
    "p",
    { class: "status", testid: "genre-status", dataset: { state: "loading" } },
    "Loading…",
  );
  const list = el("ul", { class: "cards", testid: "genre-list" });
  const row = el(
    "section",
    { class: "row", testid: "genre-row", dataset: { genre }, "aria-labelledby": headingId },
    el("h2", { id: headingId, text: genre }),
    status,
    list,
  );
  api
    .genreItems(genre, ROW_SIZE)
    .then(({ items }) => {
      replaceChildren(
        list,
        items.map((item) => movieCard(item, { testid: "genre-item" })),
      );
      if (items.length === 0) setStatus(status, "empty", "No movies in this genre yet.");
      else setStatus(status, "ok", "");
    })
    .catch((error) => setStatus(status, "error", `Could not load ${genre} (${error.message}).`));
  return row;
}

async function renderGenres() {
  const container = byTestId("genre-rows");
  const status = byTestId("genres-status", container);
  try {
    const { genres } = await api.genres();
    // MovieLens lists "(no genres listed)" as a genre; it makes a poor row.
    const shown = genres.filter((g) => !g.startsWith("(")).slice(0, GENRE_ROWS);
    if (shown.length === 0) {
      setStatus(status, "empty", "No genres published yet.");
      return;
    }
    setStatus(status, "ok", "");
    container.append(...shown.map(genreRow));
  } catch (error) {
    setStatus(status, "error", `Genres are unavailable (${error.message}).`);
  }
}

initHeader();
void renderTrending();
void renderGenres();
