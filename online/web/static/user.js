import { actingUser, recentClick, setActingUser } from "./acting-user.js";
import { api } from "./api.js";
import { byTestId, el, formatNumber, pathId, replaceChildren, setStatus } from "./dom.js";
import { initHeader } from "./header.js";
import { movieLink, movieMeta } from "./movie-card.js";

const RECS_K = 10;
const HISTORY_SHOWN = 20;
// The nearline tier applies a click within about a second; watching a few seconds covers a slow apply.
const POLL_EVERY_MS = 1000;
const WATCH_FOR_MS = 5000;
const CLICK_IS_RECENT_MS = 15_000;

const userId = pathId("/users/");

// ---- history and profile -------------------------------------------------------------------------------

function historyEntry(entry) {
  const when = new Date(entry.timestamp);
  const what =
    entry.type === "rating"
      ? `Rated ${formatNumber(entry.rating, 1)} ★`
      : entry.type === "click"
        ? "Clicked"
        : entry.type;
  return el(
    "li",
    {
      class: `history-item ${entry.type}`,
      testid: "history-item",
      dataset: { itemId: entry.itemId, type: entry.type },
    },
    el("span", { class: "history-type", text: what }),
    movieLink({ itemId: entry.itemId, title: entry.title }),
    el("time", { datetime: when.toISOString(), text: when.toLocaleString() }),
  );
}

function renderProfile(profile) {
  const history = [...(profile.history ?? [])].sort((a, b) => b.timestamp - a.timestamp);
  const status = byTestId("history-status");
  replaceChildren(byTestId("history-list"), history.slice(0, HISTORY_SHOWN).map(historyEntry));
  if (history.length === 0) setStatus(status, "empty", "No history yet.");
  else {
    const more = history.length > HISTORY_SHOWN ? `, the latest ${HISTORY_SHOWN} shown` : "";
    const version = profile.embeddingVersion ? ` · embeddings ${profile.embeddingVersion}` : "";
    setStatus(status, "ok", `${history.length} events${more}${version}`);
  }
  replaceChildren(
    byTestId("top-genres"),
    (profile.topGenres ?? []).map((g) =>
      el("li", { class: "chip", title: `share of liked ${formatNumber(g.share ?? g.score)}`, text: g.genre }),
    ),
  );
}

async function loadProfile() {
  try {
    renderProfile(await api.user(userId));
  } catch (error) {
    setStatus(byTestId("history-status"), "error", `History is unavailable (${error.message}).`);
  }
}

// ---- recommendations -----------------------------------------------------------------------------------

function badge(testid, text, tone, title) {
  return el("span", { class: `badge ${tone}`, testid, title, text });
}

function renderBadges(answer) {
  const badges = [];
  if (answer.coldStart)
    badges.push(
      badge("badge-cold-start", "Cold start", "info", "No history yet: genre and popularity lists"),
    );
  if (answer.degraded) {
    const reasons = answer.degradedReasons ?? [];
    badges.push(badge("badge-degraded", "Degraded", "warn", "Some tiers were skipped"));
    badges.push(
      el(
        "ul",
        { class: "reasons", testid: "degraded-reasons", "aria-label": "Degraded because" },
        reasons.map((r) => el("li", { testid: "degraded-reason", text: r })),
      ),
    );
  }
  badges.push(
    badge("model-version", `${answer.model ?? "model"} · ${answer.modelVersion ?? "no version"}`, "plain"),
  );
  const arm = answer.experiment ? `${answer.experiment.id} · arm ${answer.experiment.arm}` : "no experiment";
  badges.push(badge("experiment-arm", arm, "plain", "Experiment and arm this user is bucketed into"));
  replaceChildren(byTestId("recs-badges"), badges);
}

function valueTable(caption, values) {
  const rows = Object.entries(values ?? {}).map(([name, value]) =>
    el("tr", {}, el("th", { scope: "row", text: name }), el("td", { text: formatNumber(value, 4) })),
  );
  if (rows.length === 0) return null;
  return el("table", { class: "explain-table" }, el("caption", { text: caption }), el("tbody", {}, rows));
}

function recommendation(item, rank, openIds) {
  const channels = el(
    "ul",
    { class: "chips", testid: "rec-channels", "aria-label": "Recalled by" },
    (item.channels ?? []).map((c) => el("li", { class: "chip channel", testid: "rec-channel", text: c })),
  );
  let explain = null;
  if (item.explain) {
    explain = el(
      "details",
      { class: "explain", testid: "rec-explain", open: openIds.has(item.itemId) },
      el("summary", { text: "Why this movie" }),
      valueTable("Score parts", item.explain.parts),
      valueTable("Features", item.explain.features),
    );
  }
  return el(
    "li",
    { class: "rec", testid: "recommendation", dataset: { itemId: item.itemId, rank } },
    el("span", { class: "rank", "aria-hidden": "true", text: String(rank) }),
    el(
      "div",
      { class: "rec-body" },
      movieLink(item),
      el("span", { class: "meta", text: movieMeta(item) }),
      el("span", { class: "score", testid: "rec-score", text: `score ${formatNumber(item.score)}` }),
      channels,
      explain,
    ),
  );
}

let shownSignature = "";

function renderRecommendations(answer) {
  renderBadges(answer);
  const items = answer.items ?? [];
  // Re-render only on change, so a poll does not reset scrolling or focus for nothing.
  const signature = JSON.stringify(items.map((i) => [i.itemId, i.score, i.channels]));
  if (signature === shownSignature) return;
  shownSignature = signature;
  const list = byTestId("recommendation-list");
  const openIds = new Set(
    [...list.querySelectorAll("details[open]")].map((d) => d.closest("[data-item-id]")?.dataset.itemId),
  );
  replaceChildren(
    list,
    items.map((item, i) => recommendation(item, i + 1, openIds)),
  );
  const section = byTestId("recommendations");
  section.dataset.version = String(Number(section.dataset.version ?? "0") + 1);
}

async function loadRecommendations() {
  const status = byTestId("recs-status");
  try {
    const answer = await api.recommendations(userId, RECS_K);
    renderRecommendations(answer);
    const polling = watchingUntil > Date.now() ? " · watching for changes" : "";
    const empty = (answer.items ?? []).length === 0 ? "No recommendations. " : "";
    setStatus(status, "ok", `${empty}Updated ${new Date().toLocaleTimeString()}${polling}`);
  } catch (error) {
    setStatus(status, "error", `Recommendations are unavailable (${error.message}).`);
  }
}

// ---- refresh and watch ---------------------------------------------------------------------------------

let inFlight = null;
let watchingUntil = 0;
let timer = null;

function refresh() {
  inFlight ??= Promise.all([loadRecommendations(), loadProfile()]).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** Re-polls every second until `ms` from now: the nearline tier changes the answer shortly after a click. */
function watch(ms) {
  watchingUntil = Math.max(watchingUntil, Date.now() + ms);
  byTestId("recommendations").dataset.watching = "true";
  if (timer !== null) return;
  timer = setInterval(() => {
    if (Date.now() > watchingUntil) {
      clearInterval(timer);
      timer = null;
      byTestId("recommendations").dataset.watching = "false";
    }
    void refresh();
  }, POLL_EVERY_MS);
}

function renderActAs() {
  const button = byTestId("make-acting-user");
  button.hidden = actingUser() === userId;
}

function main() {
  initHeader();
  if (!userId) {
    byTestId("user-heading").textContent = "No such page";
    return;
  }
  document.title = `User ${userId} · Starling`;
  byTestId("user-heading").textContent = `User ${userId}`;
  const actAs = byTestId("make-acting-user");
  actAs.addEventListener("click", () => setActingUser(userId));
  window.addEventListener("starling:acting-user", renderActAs);
  renderActAs();
  byTestId("recs-refresh").addEventListener("click", () => void refresh());
  // A click that opens another tab leaves this page here: watch it change.
  window.addEventListener("starling:click", (event) => {
    if (event.detail.userId === userId) watch(WATCH_FOR_MS);
  });
  // Back from a movie page: the browser may restore this page from its cache without running scripts again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    void refresh();
    if (recentClick(userId, CLICK_IS_RECENT_MS)) watch(WATCH_FOR_MS);
  });
  void refresh();
  if (recentClick(userId, CLICK_IS_RECENT_MS)) watch(WATCH_FOR_MS);
}

main();
