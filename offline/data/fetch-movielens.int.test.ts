import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DataFileError } from "../../core/errors.ts";
import { sharedDataDir } from "../../tests/support/shared-data.ts";
import type { DownloadProgress } from "./download.ts";
import { fetchMovieLens, openDataset } from "./index.ts";
import { buildZip, type ZipInput } from "./testing/zip-writer.ts";

const CSVS = ["links.csv", "movies.csv", "ratings.csv", "tags.csv"];

/** The ml-latest-small zip rebuilt from the shared copy; `tamper` may alter a file's bytes first. */
async function movieLensZip(tamper?: (name: string, data: Buffer) => Buffer): Promise<Buffer> {
  const inputs: ZipInput[] = [{ name: "ml-latest-small/" }];
  for (const name of [...CSVS, "README.txt"]) {
    const data = await readFile(join(sharedDataDir(), name));
    inputs.push({ name: `ml-latest-small/${name}`, data: tamper ? tamper(name, data) : data });
  }
  return buildZip(inputs);
}

describe("fetchMovieLens", () => {
  let server: Server;
  let base = "";
  let scratch = "";
  const routes = new Map<string, Buffer>();

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "starling-fetch-"));
    routes.set("/good.zip", await movieLensZip());
    routes.set(
      "/tampered.zip",
      await movieLensZip((name, data) =>
        name === "ratings.csv" ? Buffer.concat([data, Buffer.from("1,1,4.0,1\n")]) : data,
      ),
    );
    const damaged = Buffer.from(routes.get("/good.zip") as Buffer);
    damaged[200] = (damaged[200] as number) ^ 0xff; // inside links.csv's deflated bytes
    routes.set("/damaged.zip", damaged);
    server = createServer((request, response) => {
      const body = routes.get(request.url ?? "");
      if (body === undefined) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not here");
        return;
      }
      response.writeHead(200, { "content-type": "application/zip", "content-length": body.length }).end(body);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it("downloads, unzips and verifies into destDir/ml-latest-small, reporting progress", async () => {
    const destDir = join(scratch, "good");
    const progress: DownloadProgress[] = [];
    const result = await fetchMovieLens({
      url: `${base}/good.zip`,
      destDir,
      onProgress: (p) => progress.push(p),
    });
    const zipLength = (routes.get("/good.zip") as Buffer).length;
    assert.deepEqual(result, { dir: join(destDir, "ml-latest-small"), downloaded: true, bytes: zipLength });
    assert.deepEqual(progress.at(-1), { bytes: zipLength, totalBytes: zipLength });
    assert.deepEqual(await readdir(destDir), ["ml-latest-small"], "no temp files left");
    assert.deepEqual((await readdir(result.dir)).sort(), [...CSVS, "README.txt"].sort());
    const dataset = await openDataset(destDir);
    let rows = 0;
    for await (const _ of dataset.ratings()) rows += 1;
    assert.equal(rows, 100_836);

    const again = await fetchMovieLens({
      destDir,
      fetchImpl: () => Promise.reject(new Error("must not download a verified copy")),
    });
    assert.deepEqual(again, { dir: result.dir, downloaded: false, bytes: 0 });
  });

  it("rejects a file whose checksum differs and leaves nothing behind", async () => {
    const destDir = join(scratch, "tampered");
    await assert.rejects(fetchMovieLens({ url: `${base}/tampered.zip`, destDir }), (error: unknown) => {
      assert.ok(error instanceof DataFileError);
      assert.match(error.message, /SHA-256 check for ratings\.csv; .*nothing was kept/);
      return true;
    });
    assert.deepEqual(await readdir(destDir), []);
  });

  it("rejects a damaged archive by its CRC and leaves nothing behind", async () => {
    const destDir = join(scratch, "damaged");
    await assert.rejects(fetchMovieLens({ url: `${base}/damaged.zip`, destDir }), (error: unknown) => {
      assert.ok(error instanceof DataFileError);
      assert.match(error.message, /links\.csv (is corrupt|cannot be inflated)/);
      return true;
    });
    assert.deepEqual(await readdir(destDir), []);
  });

  it("reports HTTP 404 clearly and leaves nothing behind", async () => {
    const destDir = join(scratch, "missing");
    await assert.rejects(fetchMovieLens({ url: `${base}/missing.zip`, destDir }), (error: unknown) => {
      assert.ok(error instanceof DataFileError);
      assert.match(
        error.message,
        /Download of http:\/\/127\.0\.0\.1:\d+\/missing\.zip failed: HTTP 404 Not Found/,
      );
      return true;
    });
    assert.deepEqual(await readdir(destDir), []);
  });
});
