export { deepWalkWalks } from "./deep-walk.ts";
export type { Node2vecOptions, Node2vecSampler } from "./node2vec.ts";
export { chooseNode2vecSampler, DEFAULT_MAX_ALIAS_ENTRIES, node2vecWalks } from "./node2vec.ts";
export { edgeAliasEntries } from "./node2vec-alias.ts";
export { trainWalkEmbeddings } from "./walk-embeddings.ts";
export type { WalkOptions } from "./walk-params.ts";
