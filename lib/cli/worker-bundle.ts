// Worker threads do not inherit the tsx loader the CLI runs under (bin/mesh.mjs), and loading the
// check's TypeScript through it costs a worker 1-3 s. So a worker runs one CommonJS bundle of its
// module, built by esbuild (tsx's own compiler) and kept in a private cache directory until one of
// its source files changes: then a worker starts in about 0.1 s.
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { build } from "esbuild";

/** A bundle to start a worker from: a file, or (no usable cache) the code itself. */
export type WorkerScript = { file: string } | { code: string };

interface Stamp {
  inputs: string[];
  stamp: string;
  bundle: string;
}

/** Modification times and sizes of every input: changes when any source file does. */
const stampOf = (inputs: readonly string[]) => createHash("sha256").update(inputs.map((f) => { const s = statSync(f); return `${f}:${s.mtimeMs}:${s.size}`; }).join("\n")).digest("hex");

/** The cache directory when it is this user's alone (0700, owned by us): a bundle there is code we will run. */
function privateCacheDir(): string | null {
  try {
    const dir = join(tmpdir(), `mesh-check-${process.getuid?.() ?? "user"}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = lstatSync(dir);
    if (!s.isDirectory() || (process.getuid && s.uid !== process.getuid()) || (s.mode & 0o077) !== 0) return null;
    return dir;
  } catch {
    return null;
  }
}

/** The bundled worker for the TypeScript module at `entry` (an absolute path). */
export async function workerScript(entry: string): Promise<WorkerScript> {
  const dir = privateCacheDir();
  const name = createHash("sha256").update(entry).digest("hex").slice(0, 16);
  const index = dir ? join(dir, `${name}.json`) : null;
  if (index) {
    try {
      const saved = JSON.parse(readFileSync(index, "utf8")) as Stamp;
      if (saved.stamp === stampOf(saved.inputs)) return { file: saved.bundle };
    } catch {
      // No cache yet, or a source file is gone: bundled again below.
    }
  }
  const root = resolve(dirname(entry), "../..");
  const out = await build({ entryPoints: [entry], absWorkingDir: root, bundle: true, platform: "node", format: "cjs", target: "node20", write: false, metafile: true, logLevel: "silent" });
  const code = out.outputFiles[0].text;
  if (!index || !dir) return { code };
  const inputs = Object.keys(out.metafile.inputs).map((f) => resolve(root, f));
  const bundle = join(dir, `${name}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.cjs`);
  try {
    // Written whole and renamed: a concurrent run reads the old bundle or the new one, never half of one.
    writeFileSync(`${bundle}.${process.pid}`, code, { mode: 0o600 });
    renameSync(`${bundle}.${process.pid}`, bundle);
    writeFileSync(`${index}.${process.pid}`, JSON.stringify({ inputs, stamp: stampOf(inputs), bundle } satisfies Stamp), { mode: 0o600 });
    renameSync(`${index}.${process.pid}`, index);
    return { file: bundle };
  } catch {
    return { code };
  }
}
