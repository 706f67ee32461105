// Thin wrappers over the JSON API (/api/v1); every failure becomes an ApiError carrying the server's message.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

async function getJson(path) {
  let response;
  try {
    // no-store: the user page re-polls to show the nearline tier's changes, a cached answer would hide them.
    response = await fetch(path, { cache: "no-store", headers: { accept: "application/json" } });
  } catch (error) {
    throw new ApiError(`network error: ${error.message}`, 0);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    throw new ApiError(`${response.status}: ${detail}`, response.status);
  }
  return body;
}

const seg = encodeURIComponent;

export const api = {
  trending: (k) => getJson(`/api/v1/trending?k=${k}`),
  genres: () => getJson("/api/v1/genres"),
  genreItems: (genre, k) => getJson(`/api/v1/genres/${seg(genre)}/items?k=${k}`),
  item: (id) => getJson(`/api/v1/items/${seg(id)}`),
  similar: (id, method, k) => getJson(`/api/v1/items/${seg(id)}/similar?k=${k}&method=${seg(method)}`),
  user: (id) => getJson(`/api/v1/users/${seg(id)}`),
  recommendations: (id, k) => getJson(`/api/v1/users/${seg(id)}/recommendations?k=${k}&explain=1`),
};

/**
 * Posts a click event. keepalive lets the request outlive the page when navigation wins the race; callers
 * that navigate await this first (bounded by `waitMs`) so the click is on its way before the page unloads.
 */
export async function postClick(userId, itemId, waitMs = 1500) {
  const body = JSON.stringify({ type: "click", userId, itemId, timestamp: Date.now() });
  const sent = fetch("/api/v1/events", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    keepalive: true,
  })
    // Reading the (small) body completes the exchange before the caller navigates away.
    .then(async (response) => {
      await response.arrayBuffer();
      return response.ok;
    })
    .catch(() => false);
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), waitMs));
  return Promise.race([sent, timeout]);
}
