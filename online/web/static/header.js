import { actingUser, isValidUserId, setActingUser, userPath } from "./acting-user.js";
import { trackMovieClicks } from "./clicks.js";
import { byTestId, el, replaceChildren } from "./dom.js";

function renderStatus(status) {
  const userId = actingUser();
  if (!userId) {
    replaceChildren(status, el("span", { class: "muted", text: "No user set: clicks are not recorded." }));
    return;
  }
  const clear = el("button", { type: "button", class: "link-button", testid: "user-clear", text: "Stop" });
  clear.addEventListener("click", () => setActingUser(null));
  replaceChildren(
    status,
    "Acting as ",
    el("a", { href: userPath(userId), testid: "acting-user-link", text: `user ${userId}` }),
    " ",
    clear,
  );
}

/** The header shared by every page: the acting-user box, and click tracking on every movie link. */
export function initHeader() {
  const form = byTestId("user-form");
  const input = byTestId("user-id-input", form);
  const status = byTestId("acting-user", form);
  input.value = actingUser() ?? "";
  renderStatus(status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (id === "") {
      setActingUser(null);
    } else if (!isValidUserId(id)) {
      input.setAttribute("aria-invalid", "true");
      replaceChildren(
        status,
        el("span", { class: "error", text: "A user id is 1-64 letters, digits, _ . : or -" }),
      );
      return;
    } else {
      setActingUser(id);
    }
    input.removeAttribute("aria-invalid");
  });
  window.addEventListener("starling:acting-user", () => {
    input.value = actingUser() ?? "";
    renderStatus(status);
  });
  // Another tab changed the user.
  window.addEventListener("storage", () => {
    input.value = actingUser() ?? "";
    renderStatus(status);
  });
  trackMovieClicks();
}
