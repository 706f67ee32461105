/** Writes a non-negative int32 as decimal digits at `pos`; returns the position after it. */
export function writeUint(buf: Uint8Array, pos: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits++;
  writeDigits(buf, pos, value, digits);
  return pos + digits;
}

/** Writes the last `digits` decimal digits of a non-negative int32, zero-padded, at `pos`. */
export function writeDigits(buf: Uint8Array, pos: number, value: number, digits: number): void {
  let rest = value;
  for (let at = pos + digits - 1; at >= pos; at--) {
    buf[at] = 48 + (rest % 10);
    rest = (rest / 10) | 0;
  }
}

/** Writes a rating given in half stars (1-10) as `d.0` / `d.5`, like MovieLens. */
export function writeHalfStars(buf: Uint8Array, pos: number, halfStars: number): number {
  buf[pos] = 48 + (halfStars >> 1);
  buf[pos + 1] = 46; // .
  buf[pos + 2] = halfStars & 1 ? 53 : 48;
  return pos + 3;
}
