const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** Adam (Kingma & Ba) over one flat parameter vector, with L2 added to the gradient of the decayed entries. */
export interface Adam {
  /** Applies `grads × scale` (+ l2 · param where `decays` is 1) to `params` in place. */
  step(params: Float64Array, grads: Float64Array, scale: number): void;
}

/** Creates the optimiser's moment buffers for `size` parameters. */
export function createAdam(size: number, learningRate: number, l2: number, decays: Uint8Array): Adam {
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  let steps = 0;
  return {
    step(params, grads, scale) {
      steps++;
      const stepSize = (learningRate * Math.sqrt(1 - BETA2 ** steps)) / (1 - BETA1 ** steps);
      for (let k = 0; k < size; k++) {
        const g = (grads[k] as number) * scale + (decays[k] === 1 ? l2 * (params[k] as number) : 0);
        const m = BETA1 * (first[k] as number) + (1 - BETA1) * g;
        const v = BETA2 * (second[k] as number) + (1 - BETA2) * g * g;
        first[k] = m;
        second[k] = v;
        params[k] = (params[k] as number) - (stepSize * m) / (Math.sqrt(v) + EPSILON);
      }
    },
  };
}
