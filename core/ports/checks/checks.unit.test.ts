import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../errors.ts";
import {
  checkNoSelfParent,
  checkSubscribeOptions,
  MAX_GROUP_ID_LENGTH,
  neverStaged,
  unknownParents,
} from "./index.ts";

const handler = async () => {};

/** The fields a ValidationError names, in order. */
function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    return error.issues.map((issue) => issue.field);
  }
  assert.fail("expected a ValidationError");
}

describe("checkSubscribeOptions", () => {
  it("fills the default batch size and drops repeated topics", () => {
    const checked = checkSubscribeOptions({
      groupId: "g",
      topics: ["a", "b", "a"],
      fromBeginning: false,
      handler,
    });
    assert.deepEqual(checked, {
      groupId: "g",
      topics: ["a", "b"],
      fromBeginning: false,
      handler,
      maxBatchSize: 500,
    });
  });

  it("accepts a group id of the longest length and rejects an empty or longer one", () => {
    const longest = "g".repeat(MAX_GROUP_ID_LENGTH);
    const options = { topics: ["t"], fromBeginning: true, handler };
    assert.equal(checkSubscribeOptions({ ...options, groupId: longest }).groupId, longest);
    assert.deepEqual(
      fieldsOf(() => checkSubscribeOptions({ ...options, groupId: `${longest}g` })),
      ["groupId"],
    );
    assert.deepEqual(
      fieldsOf(() => checkSubscribeOptions({ ...options, groupId: "" })),
      ["groupId"],
    );
  });

  it("names every bad field at once", () => {
    const bad = { groupId: "g", topics: [], fromBeginning: "yes", handler: null, maxBatchSize: 0 };
    assert.deepEqual(
      fieldsOf(() => checkSubscribeOptions(bad as never)),
      ["topics", "fromBeginning", "handler", "maxBatchSize"],
    );
  });
});

describe("ControlStore checks", () => {
  it("rejects a genre that is its own parent and accepts a plain hierarchy", () => {
    assert.deepEqual(
      fieldsOf(() =>
        checkNoSelfParent([
          { name: "a", parent: null },
          { name: "s", parent: "s" },
        ]),
      ),
      ["parent"],
    );
    checkNoSelfParent([
      { name: "a", parent: null },
      { name: "b", parent: "a" },
    ]);
  });

  it("names each orphan genre and each never-staged kind", () => {
    const orphans = unknownParents([{ name: "y", parent: "nowhere" }]);
    assert.match(orphans.message, /'y' → 'nowhere'/);
    assert.equal(orphans.field, "parent");
    const unstaged = neverStaged([
      ["a", "v1"],
      ["b", "v9"],
    ]);
    assert.deepEqual(
      unstaged.issues.map((issue) => issue.field),
      ["pointers.a", "pointers.b"],
    );
    assert.match(unstaged.message, /a=v1, b=v9; nothing was changed/);
  });
});
