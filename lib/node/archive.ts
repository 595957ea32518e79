import { gunzipSync, gzipSync, inflateRawSync } from "node:zlib";
import { readTar, writeTar, type TarContents, type TarEntry } from "../archive/tar";

/** Expanding an upload stops here: an organisation's configuration is a few MB at most. */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

export class ArchiveError extends Error {}

export function writeTarGz(files: readonly TarEntry[]): Uint8Array {
  return gzipSync(writeTar(files));
}

/** Reads a .tar, .tar.gz or .zip upload, recognised by its magic bytes. */
export function readArchive(bytes: Uint8Array): TarContents {
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return readTar(new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_ARCHIVE_BYTES })));
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readZip(bytes);
    if (bytes.length >= 512 && new TextDecoder().decode(bytes.subarray(257, 262)) === "ustar") return readTar(bytes);
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`cannot read the archive: ${(e as Error).message}`);
  }
  throw new ArchiveError("not a .tar, .tar.gz or .zip archive");
}

/** Zip via its central directory (stored and deflated entries; no zip64, no encryption). */
function readZip(bytes: Uint8Array): TarContents {
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
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const path = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (path.endsWith("/")) continue;
    if ((total += size) > MAX_ARCHIVE_BYTES) throw new ArchiveError(`archive expands to more than ${MAX_ARCHIVE_BYTES} bytes`);
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataAt, dataAt + compressed);
    if (method === 0) files.push({ path, bytes: data.slice() });
    else if (method === 8) files.push({ path, bytes: new Uint8Array(inflateRawSync(data)) });
    else others.push(path);
  }
  return { files, others };
}
