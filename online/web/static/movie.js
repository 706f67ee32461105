import { api } from "./api.js";
import { byTestId, el, formatNumber, pathId, replaceChildren, setStatus } from "./dom.js";
import { initHeader } from "./header.js";
import { movieCard } from "./movie-card.js";

const SIMILAR_K = 8;
const METHODS = [
  { method: "item2vec", label: "item2vec" },
  { method: "deepwalk", label: "DeepWalk" },
  { method: "node2vec", label: "node2vec" },
  { method: "als", label: "ALS" },
  { method: "graph", label: "Behaviour graph" },
];

function renderDetails(item) {
  const details = byTestId("movie-details");
  document.title = `${item.title} · Starling`;
  byTestId("movie-title", details).textContent = item.title;
  byTestId("movie-meta", details).textContent = item.year ? String(item.year) : "Year unknown";
  replaceChildren(
    byTestId("movie-genres", details),
    (item.genres ?? []).map((g) => el("li", { class: "chip", text: g })),
  );
  const stat = (label, value) => [el("dt", { text: label }), el("dd", { text: value })];
  replaceChildren(
    byTestId("movie-stats", details),
    stat("Ratings", String(item.ratingCount ?? 0)),
    stat("Average", formatNumber(item.averageRating, 2)),
    stat("Bayesian average", formatNumber(item.bayesianAverage, 2)),
  );
  details.removeAttribute("aria-busy");
}

/** One column per method; each loads on its own so one failing method leaves the others readable. */
function similarColumn(itemId, { method, label }) {
  const headingId = `similar-${method}`;
  const status = el(
    "p",
    { class: "status", testid: "similar-status", dataset: { state: "loading" } },
    "Loading…",
  );
  const list = el("ol", { class: "similar-list", testid: "similar-list" });
  const column = el(
    "section",
    { class: "similar-column", testid: "similar-column", dataset: { method, state: "loading" } },
    el("h3", { id: headingId, text: label }),
    status,
    list,
  );
  column.setAttribute("aria-labelledby", headingId);
  api
    .similar(itemId, method, SIMILAR_K)
    .then(({ items }) => {
      replaceChildren(
        list,
        items.map((item) =>
          movieCard(item, {
            testid: "similar-item",
            extra: [el("span", { class: "score", text: `score ${formatNumber(item.score)}` })],
          }),
        ),
      );
      column.dataset.state = items.length === 0 ? "empty" : "ok";
      if (items.length === 0) setStatus(status, "empty", "No similar movies.");
      else setStatus(status, "ok", "");
    })
    .catch((error) => {
      column.dataset.state = "error";
      status.setAttribute("data-testid", "similar-error");
      setStatus(status, "error", error.message);
    });
  return column;
}

async function main() {
  initHeader();
  const itemId = pathId("/movies/");
  const title = byTestId("movie-title");
  if (!itemId) {
    title.textContent = "No such page";
    return;
  }
  replaceChildren(
    byTestId("similar-grid"),
    METHODS.map((m) => similarColumn(itemId, m)),
  );
  try {
    const { item } = await api.item(itemId);
    renderDetails(item);
  } catch (error) {
    title.textContent = error.status === 404 ? `No movie with id ${itemId}` : "Movie unavailable";
    byTestId("movie-meta").textContent = error.message;
    byTestId("movie-details").dataset.state = "error";
    byTestId("movie-details").removeAttribute("aria-busy");
  }
}

void main();
