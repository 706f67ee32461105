import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runRecsys } from "./support/recsys-cli.ts";

describe("recsys offline train on a data set too small for most models", async () => {
  const root = await mkdtemp(join(tmpdir(), "starling-tiny-"));
  after(() => rm(root, { recursive: true, force: true }));

  it("publishes what it can (no user liked two items, so no graph walks and no ranker) instead of failing", async () => {
    const data = join(root, "data");
    await mkdir(data, { recursive: true });
    await writeFile(join(data, "movies.csv"), "movieId,title,genres\n1,A (2000),Comedy\n2,B (2001),Drama\n");
    await writeFile(
      join(data, "ratings.csv"),
      "userId,movieId,rating,timestamp\n1,1,5,1000000000\n2,2,2,1000000001\n",
    );
    const env = { RECSYS_STATE_DIR: join(root, "state"), RECSYS_LOG_LEVEL: "warn" };
    const run = await runRecsys(["offline", "train", "--data", data], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /published v\S+/);
    assert.match(run.stderr, /too little data to train a ranker/);
    assert.doesNotMatch(run.stdout, /^\| (deepwalk|node2vec|ranker) \|/m);
  });
});
