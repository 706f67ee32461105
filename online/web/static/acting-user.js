// The acting user lives in localStorage so every page (and tab) clicks as the same person.
const USER_KEY = "starling.actingUser";
const CLICK_KEY = "starling.lastClick";
// The API's id rule (schemas/ids.ts), checked here so a typo is caught before any request.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

function read(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: behave as if nothing was stored
  }
}

function write(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/** True when `id` looks like a user id the API accepts. */
export const isValidUserId = (id) => ID_PATTERN.test(id) && !RESERVED.has(id);

export function actingUser() {
  const id = read(USER_KEY);
  return id && isValidUserId(id) ? id : null;
}

export function setActingUser(id) {
  write(USER_KEY, id);
  window.dispatchEvent(new CustomEvent("starling:acting-user", { detail: { userId: id } }));
}

/** Remembers a click so the user page, loaded next, knows to watch its recommendations change. */
export function rememberClick(userId, itemId) {
  write(CLICK_KEY, JSON.stringify({ userId, itemId, at: Date.now() }));
}

/** The last click of `userId` if it happened within `withinMs`, else null. */
export function recentClick(userId, withinMs) {
  try {
    const click = JSON.parse(read(CLICK_KEY) ?? "null");
    if (!click || click.userId !== userId || Date.now() - click.at > withinMs) return null;
    return click;
  } catch {
    return null;
  }
}

export const userPath = (id) => `/users/${encodeURIComponent(id)}`;
