import { seededRandom } from "./random.ts";

/** Shape of a synthetic set of vectors scattered around random centres; a fixture for tests and benchmarks. */
export interface ClusteredShape {
  count: number;
  dimension: number;
  clusters: number;
  /** Length of a point's offset from its centre relative to the (unit) centre, on average. */
  spread: number;
  seed: number;
}

/** Row-major `count` x `dimension` vectors, each a random unit centre plus Gaussian noise; the same per seed. */
export function clusteredVectors(shape: ClusteredShape): Float32Array {
  const { count, dimension, clusters, spread } = shape;
  const random = seededRandom(shape.seed);
  const centres = new Float32Array(clusters * dimension);
  for (let c = 0; c < clusters; c++) {
    let sum = 0;
    for (let d = 0; d < dimension; d++) {
      const value = random.gaussian();
      centres[c * dimension + d] = value;
      sum += value * value;
    }
    const norm = Math.sqrt(sum);
    for (let d = 0; d < dimension; d++)
      centres[c * dimension + d] = (centres[c * dimension + d] as number) / norm;
  }
  const sigma = spread / Math.sqrt(dimension);
  const out = new Float32Array(count * dimension);
  for (let row = 0; row < count; row++) {
    const centre = Math.floor(random.uniform() * clusters) * dimension;
    for (let d = 0; d < dimension; d++) {
      out[row * dimension + d] = (centres[centre + d] as number) + sigma * random.gaussian();
    }
  }
  return out;
}
