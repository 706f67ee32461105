import type { FileHandle } from "node:fs/promises";
import { mkdir, open, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { inflateRawSync } from "node:zlib";
import { crc32 } from "../../core/crc32.ts";
import { DataFileError } from "../../core/errors.ts";
import { readFully } from "../../core/read-fully.ts";

/** One file named in a zip's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_EOCD_SEARCH = 22 + 0xffff;
/** Largest uncompressed entry accepted; MovieLens files are far below it, a zip bomb is not. */
export const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;

/** Extracts every file of the zip at `zipPath` under `destDir` (stored or deflated entries; no zip64). */
export async function unzipFile(zipPath: string, destDir: string): Promise<string[]> {
  const handle = await open(zipPath, "r");
  try {
    const entries = await readCentralDirectory(handle, zipPath);
    const written: string[] = [];
    for (const entry of entries) {
      if (entry.name.endsWith("/")) continue;
      const target = safeTarget(destDir, entry.name, zipPath);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await readEntry(handle, entry, zipPath));
      written.push(target);
    }
    return written;
  } finally {
    await handle.close();
  }
}

/** Lists the zip's entries from its central directory. */
export async function readCentralDirectory(handle: FileHandle, zipPath: string): Promise<ZipEntry[]> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, MAX_EOCD_SEARCH);
  const tail = await readAt(handle, size - tailLength, tailLength, zipPath);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0 && eocd < 0; i--)
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) eocd = i;
  if (eocd < 0) throw new DataFileError(`${zipPath} is not a zip file (no end of central directory)`);
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || count === 0xffff) throw new DataFileError(`${zipPath} is a zip64 file`);
  const dir = await readAt(handle, dirOffset, dirSize, zipPath);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw new DataFileError(`${zipPath} has a damaged central directory`);
    }
    const nameLength = dir.readUInt16LE(at + 28);
    entries.push({
      method: dir.readUInt16LE(at + 10),
      crc: dir.readUInt32LE(at + 16),
      compressedSize: dir.readUInt32LE(at + 20),
      size: dir.readUInt32LE(at + 24),
      localHeaderOffset: dir.readUInt32LE(at + 42),
      name: dir.toString("utf8", at + 46, at + 46 + nameLength),
    });
    checkDeclaredSizes(entries[entries.length - 1] as ZipEntry, size, zipPath);
    at += 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
  }
  return entries;
}

/** Refuses sizes no sane archive declares, before anything is read or inflated. */
function checkDeclaredSizes(entry: ZipEntry, archiveBytes: number, zipPath: string): void {
  if (entry.compressedSize > archiveBytes || entry.localHeaderOffset > archiveBytes) {
    throw new DataFileError(`${zipPath}: ${entry.name} declares a compressed size larger than the archive`);
  }
  if (entry.size > MAX_ENTRY_BYTES) {
    throw new DataFileError(
      `${zipPath}: ${entry.name} declares ${entry.size} bytes, more than the ${MAX_ENTRY_BYTES} allowed`,
    );
  }
}

/** The uncompressed bytes of one entry, checked against its CRC-32 and size. */
async function readEntry(handle: FileHandle, entry: ZipEntry, zipPath: string): Promise<Buffer> {
  const local = await readAt(handle, entry.localHeaderOffset, 30, zipPath);
  if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw new DataFileError(`${zipPath}: bad local header for ${entry.name}`);
  }
  const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = await readAt(handle, dataStart, entry.compressedSize, zipPath);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) data = inflate(raw, entry, zipPath);
  else
    throw new DataFileError(`${zipPath}: ${entry.name} uses unsupported compression method ${entry.method}`);
  if (data.length !== entry.size || crc32(data) !== entry.crc) {
    throw new DataFileError(`${zipPath}: ${entry.name} is corrupt (size or CRC-32 mismatch)`);
  }
  return data;
}

/** Inflates at most the declared size (zlib refuses at least 1), so a bomb stops there. */
function inflate(raw: Buffer, entry: ZipEntry, zipPath: string): Buffer {
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new DataFileError(
        `${zipPath}: ${entry.name} inflates to more than its declared ${entry.size} bytes`,
        cause,
      );
    }
    throw new DataFileError(`${zipPath}: ${entry.name} cannot be inflated`, cause);
  }
}

async function readAt(
  handle: FileHandle,
  position: number,
  length: number,
  zipPath: string,
): Promise<Buffer> {
  const buffer = await readFully(handle, position, length);
  if (buffer.length !== length) throw new DataFileError(`${zipPath} is truncated`);
  return buffer;
}

/** Resolves an entry name under `destDir`, refusing names that would escape it. */
function safeTarget(destDir: string, name: string, zipPath: string): string {
  const relative = normalize(name);
  if (isAbsolute(relative) || relative === ".." || relative.startsWith(`..${sep}`)) {
    throw new DataFileError(`${zipPath}: entry ${name} would be written outside ${destDir}`);
  }
  return join(destDir, relative);
}
