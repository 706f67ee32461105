import { existsSync } from "node:fs";
import { request } from "node:http";

/** Whether a Docker engine answers on its local socket, so testcontainers can run. */
export function dockerAvailable(socketPath = "/var/run/docker.sock", timeoutMs = 1000): Promise<boolean> {
  if (!existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ socketPath, path: "/_ping", timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once("timeout", () => req.destroy());
    req.once("error", () => resolve(false));
    req.end();
  });
}
