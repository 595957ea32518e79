import { createGunzip, createInflateRaw, gzip, type Gunzip, type InflateRaw } from "node:zlib";
import { promisify } from "node:util";
import { readTar, writeTar, type TarContents, type TarEntry } from "../archive/tar";

/** Expanding an upload stops here: an organisation's configuration is a few MB at most. */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

export class ArchiveError extends Error {}

/** The archive inflates past the cap: counted on the bytes actually produced, never on declared sizes. */
export class ArchiveTooLargeError extends ArchiveError {
  constructor(readonly limit: number) {
    super(`the archive expands to more than ${limit} bytes`);
  }
}

const gzipAsync = promisify(gzip);

/** A .tar.gz of the files, compressed on libuv's thread pool (never blocks the event loop). */
export async function writeTarGz(files: readonly TarEntry[]): Promise<Uint8Array> {
  return new Uint8Array(await gzipAsync(writeTar(files)));
}

/**
 * Inflates `input` through `stream`, counting the bytes that actually come out; past `budget` the
 * stream is destroyed at once (a 100 KB bomb stops after `budget` bytes, whatever it claims).
 */
function inflateCapped(stream: Gunzip | InflateRaw, input: Uint8Array, budget: number, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      reject(e);
    };
    stream.on("data", (chunk: Buffer) => {
      if ((size += chunk.length) > budget) return fail(new ArchiveTooLargeError(limit));
      chunks.push(chunk);
    });
    stream.on("error", (e) => fail(new ArchiveError(`cannot read the archive: ${e.message}`)));
    stream.on("end", () => {
      if (settled) return;
      settled = true;
      resolve(new Uint8Array(Buffer.concat(chunks, size)));
    });
    stream.end(input);
  });
}

/** Reads a .tar, .tar.gz or .zip upload, recognised by its magic bytes; at most `limit` bytes inflated in all. */
export async function readArchive(bytes: Uint8Array, limit = MAX_ARCHIVE_BYTES): Promise<TarContents> {
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return readTar(await inflateCapped(createGunzip(), bytes, limit, limit));
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) return await readZip(bytes, limit);
    if (bytes.length >= 512 && new TextDecoder().decode(bytes.subarray(257, 262)) === "ustar") return readTar(bytes);
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`cannot read the archive: ${(e as Error).message}`);
  }
  throw new ArchiveError("not a .tar, .tar.gz or .zip archive");
}

/** Zip via its central directory (stored and deflated entries; no zip64, no encryption). */
async function readZip(bytes: Uint8Array, limit: number): Promise<TarContents> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ArchiveError("zip: no end of central directory (truncated?)");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files: TarEntry[] = [];
  const others: string[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new ArchiveError("zip: corrupt central directory");
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const path = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (path.endsWith("/")) continue;
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataAt, dataAt + compressed);
    // The declared uncompressed size is not trusted: what counts is what inflating produces.
    let out: Uint8Array;
    if (method === 0) out = data.slice();
    else if (method === 8) out = await inflateCapped(createInflateRaw(), data, limit - total, limit);
    else {
      others.push(path);
      continue;
    }
    if ((total += out.length) > limit) throw new ArchiveTooLargeError(limit);
    files.push({ path, bytes: out });
  }
  return { files, others };
}
