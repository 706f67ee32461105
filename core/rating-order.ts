const DECIMAL_INTEGER = /^[0-9]+$/;

/**
 * Orders item ids numerically when both are decimal integers (so "9" < "10"), else by UTF-16 code units.
 * Numbers are compared as digit strings, so ids beyond 2^53 stay exact; "007" and "7" fall back to the raw
 * strings so that distinct ids never compare equal. Mixing numeric and non-numeric ids is not transitive
 * ("9" < "10" < "1a" < "9"); MovieLens ids are all numeric.
 */
export function compareItemIds(a: string, b: string): number {
  if (a === b) return 0;
  if (DECIMAL_INTEGER.test(a) && DECIMAL_INTEGER.test(b)) {
    const byNumber = compareDigits(stripZeros(a), stripZeros(b));
    if (byNumber !== 0) return byNumber;
  }
  return a < b ? -1 : 1;
}

/** Orders one user's ratings by (timestamp, itemId) ascending, the protocol's "last rated" order. */
export function compareRatings(
  a: { readonly timestamp: number; readonly itemId: string },
  b: { readonly timestamp: number; readonly itemId: string },
): number {
  return a.timestamp - b.timestamp || compareItemIds(a.itemId, b.itemId);
}

function stripZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits[start] === "0") start++;
  return digits.slice(start);
}

function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
