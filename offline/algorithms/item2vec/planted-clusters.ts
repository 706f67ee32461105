import { buildCorpus, type Corpus } from "./corpus.ts";
import { nextState, seedState, toUnit } from "./random.ts";

/** Shape of a synthetic corpus whose items fall into known clusters; a fixture for tests. */
export interface PlantedShape {
  clusters: number;
  itemsPerCluster: number;
  sentences: number;
  sentenceLength: number;
  /** Chance that a token comes from the sentence's own cluster rather than from any item. */
  purity: number;
  seed: number;
}

/** Item id "c<cluster>-i<item>"; each sentence draws mostly from one cluster. */
export function plantedSentences(shape: PlantedShape): string[][] {
  const total = shape.clusters * shape.itemsPerCluster;
  let state = seedState(shape.seed, 0);
  const draw = (n: number) => {
    state = nextState(state);
    return Math.floor(toUnit(state) * n);
  };
  const sentences: string[][] = [];
  for (let s = 0; s < shape.sentences; s++) {
    const cluster = draw(shape.clusters);
    const sentence: string[] = [];
    for (let i = 0; i < shape.sentenceLength; i++) {
      state = nextState(state);
      const own = toUnit(state) < shape.purity;
      const item = own ? cluster * shape.itemsPerCluster + draw(shape.itemsPerCluster) : draw(total);
      sentence.push(plantedId(Math.floor(item / shape.itemsPerCluster), item % shape.itemsPerCluster));
    }
    sentences.push(sentence);
  }
  return sentences;
}

export function plantedId(cluster: number, item: number): string {
  return `c${cluster}-i${item}`;
}

/** The cluster encoded in a planted item id. */
export function plantedCluster(itemId: string): string {
  return itemId.slice(0, itemId.indexOf("-"));
}

/** The planted corpus the training tests share: 5 clusters of 20 items, 200 sentences of 20, 85% in-cluster. */
export function plantedTestCorpus(seed: number): Corpus {
  const sentences = plantedSentences({
    clusters: 5,
    itemsPerCluster: 20,
    sentences: 200,
    sentenceLength: 20,
    purity: 0.85,
    seed,
  });
  return buildCorpus(sentences, 1);
}
