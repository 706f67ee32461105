import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { StarlingError } from "../../core/errors.ts";

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function unauthorized(message: string): StarlingError {
  return new StarlingError(message, { code: "unauthorized", status: 401, field: "authorization" });
}

// Both sides are hashed first, so the comparison always runs on two 32-byte buffers and reveals nothing
// about the token's length either.
const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

/**
 * Middleware that lets a request through only with `Authorization: Bearer <token>`. An empty configured token
 * refuses every request: the admin API is off until RECSYS_ONLINE_ADMIN_TOKEN is set.
 */
export function bearerAuth(token: string): MiddlewareHandler {
  const expected = token.length > 0 ? digest(token) : null;
  return async (c, next) => {
    c.header("WWW-Authenticate", 'Bearer realm="starling-admin"');
    if (expected === null) {
      throw unauthorized("the admin API is disabled: RECSYS_ONLINE_ADMIN_TOKEN is unset");
    }
    const header = c.req.header("authorization");
    if (header === undefined) throw unauthorized("missing Authorization: Bearer <token> header");
    const presented = BEARER.exec(header)?.[1];
    if (presented === undefined) throw unauthorized("the Authorization header must be 'Bearer <token>'");
    if (!timingSafeEqual(digest(presented), expected)) throw unauthorized("invalid admin token");
    c.header("WWW-Authenticate", undefined);
    await next();
  };
}
