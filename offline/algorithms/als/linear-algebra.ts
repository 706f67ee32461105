/** Small dense kernels on k-vectors; factor rows are Float32, everything accumulated is Float64. */

/** Writes gram = F^T F + regularization * I for the `rows` x k row-major `factors`, both triangles filled. */
export function writeGram(
  factors: Float32Array,
  rows: number,
  k: number,
  regularization: number,
  gram: Float64Array,
): void {
  gram.fill(0);
  for (let row = 0; row < rows; row++) {
    const base = row * k;
    for (let a = 0; a < k; a++) {
      const fa = factors[base + a] as number;
      if (fa === 0) continue;
      const line = a * k;
      for (let b = 0; b <= a; b++)
        gram[line + b] = (gram[line + b] as number) + fa * (factors[base + b] as number);
    }
  }
  for (let a = 0; a < k; a++) {
    gram[a * k + a] = (gram[a * k + a] as number) + regularization;
    for (let b = 0; b < a; b++) gram[b * k + a] = gram[a * k + b] as number;
  }
}

/** out = matrix * v for a full k x k row-major matrix. */
export function matrixTimes(matrix: Float64Array, v: Float64Array, out: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) out[a] = dotAt(matrix, a * k, v, k);
}

/** Dot product of matrix[base .. base + k) with `v`; four partial sums keep the adds from waiting on each other. */
function dotAt(matrix: Float64Array | Float32Array, base: number, v: Float64Array, k: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < k; d += 4) {
    s0 += (matrix[base + d] as number) * (v[d] as number);
    s1 += (matrix[base + d + 1] as number) * (v[d + 1] as number);
    s2 += (matrix[base + d + 2] as number) * (v[d + 2] as number);
    s3 += (matrix[base + d + 3] as number) * (v[d + 3] as number);
  }
  for (; d < k; d++) s0 += (matrix[base + d] as number) * (v[d] as number);
  return s0 + s1 + (s2 + s3);
}

/** Dot product of row `base` of `factors` with `v`. */
export function dotRow(factors: Float32Array, base: number, v: Float64Array, k: number): number {
  return dotAt(factors, base, v, k);
}

/** out += scale * (row `base` of `factors`). */
export function addScaledRow(
  out: Float64Array,
  scale: number,
  factors: Float32Array,
  base: number,
  k: number,
): void {
  for (let d = 0; d < k; d++) out[d] = (out[d] as number) + scale * (factors[base + d] as number);
}

/** Dot product of two k-vectors. */
export function dot(a: Float64Array, b: Float64Array, k: number): number {
  let sum = 0;
  for (let d = 0; d < k; d++) sum += (a[d] as number) * (b[d] as number);
  return sum;
}

/**
 * Solves A x = b in place for a symmetric positive-definite k x k `matrix` (lower triangle read, overwritten by
 * its Cholesky factor L); `b` becomes x. Throws if A is not positive definite.
 */
export function choleskySolve(matrix: Float64Array, b: Float64Array, k: number): void {
  for (let j = 0; j < k; j++) {
    const rowJ = j * k;
    let pivot = matrix[rowJ + j] as number;
    for (let p = 0; p < j; p++) pivot -= (matrix[rowJ + p] as number) ** 2;
    if (!(pivot > 0)) throw new Error("ALS: a normal-equation matrix is not positive definite");
    const diagonal = Math.sqrt(pivot);
    matrix[rowJ + j] = diagonal;
    for (let i = j + 1; i < k; i++) {
      const rowI = i * k;
      let sum = matrix[rowI + j] as number;
      for (let p = 0; p < j; p++) sum -= (matrix[rowI + p] as number) * (matrix[rowJ + p] as number);
      matrix[rowI + j] = sum / diagonal;
    }
  }
  for (let i = 0; i < k; i++) {
    let sum = b[i] as number;
    for (let p = 0; p < i; p++) sum -= (matrix[i * k + p] as number) * (b[p] as number);
    b[i] = sum / (matrix[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i--) {
    let sum = b[i] as number;
    for (let p = i + 1; p < k; p++) sum -= (matrix[p * k + i] as number) * (b[p] as number);
    b[i] = sum / (matrix[i * k + i] as number);
  }
}
