import { actingUser, rememberClick } from "./acting-user.js";
import { postClick } from "./api.js";

function isPlainClick(event, link) {
  return (
    event.type === "click" &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey &&
    (link.target === "" || link.target === "_self")
  );
}

async function onMovieClick(event) {
  const link = event.target instanceof Element ? event.target.closest("a[data-item-id]") : null;
  if (!link || event.defaultPrevented) return;
  const userId = actingUser();
  if (!userId) return; // nobody to attribute the click to
  const itemId = link.dataset.itemId;
  rememberClick(userId, itemId);
  window.dispatchEvent(new CustomEvent("starling:click", { detail: { userId, itemId } }));
  if (!isPlainClick(event, link)) {
    // The page stays (new tab or window): keepalive sends it in the background.
    void postClick(userId, itemId);
    return;
  }
  // Navigating would cancel an ordinary fetch: hold the navigation until the event is acknowledged (or the
  // short wait ends, keepalive then still delivers it).
  event.preventDefault();
  link.setAttribute("aria-busy", "true");
  await postClick(userId, itemId);
  window.location.assign(link.href);
}

/** Every movie link on the page (present or future) posts a click event for the acting user. */
export function trackMovieClicks() {
  document.addEventListener("click", onMovieClick);
  document.addEventListener("auxclick", (event) => {
    if (event.button === 1) void onMovieClick(event);
  });
}
