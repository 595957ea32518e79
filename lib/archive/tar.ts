/**
 * A minimal ustar writer and reader: enough to exchange an organisation directory (small text
 * files) with `tar`. Pure byte handling, so it runs anywhere; gzip is the caller's business.
 */

export interface TarEntry {
  path: string;
  bytes: Uint8Array;
}

export interface TarContents {
  files: TarEntry[];
  /** Entries that are neither files nor directories (links, devices), by path. */
  others: string[];
}

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function writeField(header: Uint8Array, offset: number, length: number, value: string) {
  const bytes = encoder.encode(value);
  if (bytes.length > length) throw new Error(`tar: '${value}' does not fit in ${length} bytes`);
  header.set(bytes, offset);
}

const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, "0") + "\0";

/** Splits a long path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a `/`. */
function splitPath(path: string): [prefix: string, name: string] {
  if (encoder.encode(path).length <= 100) return ["", path];
  for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100) return [prefix, name];
  }
  throw new Error(`tar: path too long for ustar: ${path}`);
}

function header(path: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const [prefix, name] = splitPath(path);
  writeField(h, 0, 100, name);
  writeField(h, 100, 8, "0000644\0");
  writeField(h, 108, 8, "0000000\0");
  writeField(h, 116, 8, "0000000\0");
  writeField(h, 124, 12, octal(size, 12));
  writeField(h, 136, 12, octal(mtime, 12));
  writeField(h, 148, 8, "        "); // checksum counts as spaces while it is computed
  h[156] = "0".charCodeAt(0);
  writeField(h, 257, 6, "ustar\0");
  writeField(h, 263, 2, "00");
  writeField(h, 345, 155, prefix);
  const sum = h.reduce((a, b) => a + b, 0);
  writeField(h, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

/** A tar archive of regular files (mode 644, the given modification time in seconds, default 0 for reproducible output). */
export function writeTar(files: readonly TarEntry[], mtime = 0): Uint8Array {
  const size = files.reduce((n, f) => n + BLOCK + Math.ceil(f.bytes.length / BLOCK) * BLOCK, 2 * BLOCK);
  const out = new Uint8Array(size);
  let at = 0;
  for (const f of files) {
    out.set(header(f.path, f.bytes.length, mtime), at);
    out.set(f.bytes, at + BLOCK);
    at += BLOCK + Math.ceil(f.bytes.length / BLOCK) * BLOCK;
  }
  return out; // the trailing two zero blocks are already zero
}

const text = (bytes: Uint8Array, offset: number, length: number) => decoder.decode(bytes.subarray(offset, offset + length)).replace(/\0.*$/s, "");

/** Reads ustar/GNU/pax archives as produced by common `tar` tools; throws on a truncated or corrupt archive. */
export function readTar(bytes: Uint8Array): TarContents {
  const files: TarEntry[] = [];
  const others: string[] = [];
  let longName: string | null = null;
  for (let at = 0; at + BLOCK <= bytes.length; ) {
    const h = bytes.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    const expected = parseInt(text(h, 148, 8).trim(), 8);
    const actual = h.reduce((a, b, i) => a + (i >= 148 && i < 156 ? 32 : b), 0);
    if (expected !== actual) throw new Error(`tar: corrupt header at byte ${at}`);
    const size = parseInt(text(h, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(h[156] || 48);
    const prefix = text(h, 257, 6) === "ustar" ? text(h, 345, 155) : "";
    const body = bytes.subarray(at + BLOCK, at + BLOCK + size);
    if (body.length < size) throw new Error("tar: archive is truncated");
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = text(body, 0, body.length);
      continue;
    }
    if (type === "x") {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(decoder.decode(body))?.[1] ?? longName;
      continue;
    }
    const path = (longName ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100))).replace(/^\.\//, "");
    longName = null;
    if (type === "g" || type === "5") continue;
    if (type === "0" || type === "7") files.push({ path, bytes: body.slice() });
    else others.push(path);
  }
  return { files, others };
}
