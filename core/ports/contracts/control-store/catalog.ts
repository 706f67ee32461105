import assert from "node:assert/strict";
import { it } from "node:test";
import type { ControlStore, ItemRecord } from "../../control-store.ts";
import { normalized, uid } from "./fixture.ts";

/** Items, eligibility and the genre hierarchy. */
export function catalogCases(getStore: () => ControlStore): void {
  it("upserts and reads items; missing ids read as null; an upsert replaces the whole record", async () => {
    const store = getStore();
    const p = uid();
    const a: ItemRecord = {
      itemId: `${p}-a`,
      title: "Alpha",
      year: 1999,
      genres: ["drama", "comedy"],
      eligible: true,
    };
    const b: ItemRecord = { itemId: `${p}-b`, title: "Beta", year: null, genres: [], eligible: false };
    await store.upsertItems([a, b]);
    const read = await store.getItems([b.itemId, `${p}-missing`, a.itemId]);
    assert.deepEqual(read.map(normalized), [b, null, normalized(a)]);
    const replaced: ItemRecord = {
      ...a,
      title: "Alpha II",
      year: 2001,
      genres: ["horror"],
      eligible: false,
    };
    await store.upsertItems([replaced]);
    assert.deepEqual(await store.getItems([a.itemId]), [replaced]);
    assert.deepEqual(await store.getItems([]), []);
  });

  it("lists every item id in ascending order, eligible or not", async () => {
    const store = getStore();
    const p = uid();
    const ids = [`${p}-b`, `${p}-a`, `${p}-B`, `${p}-c`];
    await store.upsertItems(
      ids.map((itemId, i) => ({ itemId, title: itemId, year: null, genres: [], eligible: i !== 2 })),
    );
    await store.upsertItems([{ itemId: `${p}-a`, title: "again", year: 2000, genres: [], eligible: true }]);
    const mine = (await store.listItemIds()).filter((id) => id.startsWith(`${p}-`));
    assert.deepEqual(mine, [`${p}-B`, `${p}-a`, `${p}-b`, `${p}-c`]);
  });

  it("answers eligibility for known ids; unknown ids are not eligible", async () => {
    const store = getStore();
    const p = uid();
    const ids = ["a", "b", "c"].map((s) => `${p}-${s}`);
    const [a, b, c] = ids as [string, string, string];
    await store.upsertItems(
      ids.map((itemId, i) => ({ itemId, title: itemId, year: null, genres: [], eligible: i !== 1 })),
    );
    assert.deepEqual(await store.eligibleAmong([a, b, c, `${p}-unknown`]), new Set([a, c]));
    await store.setEligible([b, `${p}-unknown`], true);
    await store.setEligible([a], false);
    assert.deepEqual(await store.eligibleAmong([...ids, `${p}-unknown`]), new Set([b, c]));
    assert.equal((await store.getItems([a]))[0]?.eligible, false);
    assert.deepEqual(await store.eligibleAmong([]), new Set());
    const many = Array.from({ length: 1500 }, (_, i) => `${p}-many-${i}`);
    assert.deepEqual(await store.eligibleAmong([...many, c]), new Set([c]));
  });

  it("keeps the genre hierarchy and expands a genre to its descendants", async () => {
    const store = getStore();
    const p = uid();
    const [root, child, grandchild, sibling, loner] = ["root", "child", "grand", "sibling", "loner"].map(
      (n) => `${p}-${n}`,
    ) as [string, string, string, string, string];
    await store.upsertGenres([
      { name: root, parent: null },
      { name: child, parent: root },
      { name: sibling, parent: root },
      { name: grandchild, parent: child },
      { name: loner, parent: null },
    ]);
    const mine = (await store.listGenres()).filter((g) => g.name.startsWith(p));
    assert.deepEqual(
      mine.sort((x, y) => x.name.localeCompare(y.name)),
      [
        { name: child, parent: root },
        { name: grandchild, parent: child },
        { name: loner, parent: null },
        { name: root, parent: null },
        { name: sibling, parent: root },
      ],
    );
    const expand = async (name: string) => (await store.genreWithDescendants(name)).sort();
    assert.deepEqual(await expand(root), [child, grandchild, root, sibling].sort());
    assert.deepEqual(await expand(child), [child, grandchild]);
    assert.deepEqual(await expand(grandchild), [grandchild]);
    await store.upsertGenres([{ name: grandchild, parent: sibling }]);
    assert.deepEqual(await expand(child), [child]);
    assert.deepEqual(await expand(sibling), [grandchild, sibling].sort());
  });
}
