import { deflateRawSync } from "node:zlib";
import { crc32 } from "../../../core/crc32.ts";

/** A file to put in a test zip; `data` undefined makes a directory entry (name ending in `/`). */
export interface ZipInput {
  name: string;
  data?: Uint8Array;
}

/** Builds a deflated zip in memory (test-only: no zip64, no timestamps worth reading). */
export function buildZip(inputs: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, "utf8");
    const data = input.data ?? new Uint8Array(0);
    const packed = input.data === undefined ? Buffer.alloc(0) : deflateRawSync(data);
    const fields = { crc: crc32(data), packed: packed.length, size: data.length, method: input.data ? 8 : 0 };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, fields);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    writeCommon(central, 6, fields);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The fields local and central headers share, from "version needed" to the uncompressed size. */
function writeCommon(
  header: Buffer,
  at: number,
  f: { crc: number; packed: number; size: number; method: number },
): void {
  header.writeUInt16LE(20, at); // version needed
  header.writeUInt16LE(0, at + 2); // flags
  header.writeUInt16LE(f.method, at + 4);
  header.writeUInt32LE(0, at + 6); // DOS time and date
  header.writeUInt32LE(f.crc, at + 10);
  header.writeUInt32LE(f.packed, at + 14);
  header.writeUInt32LE(f.size, at + 18);
}
