import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { EXAMPLES } from "./examples";

const BIN = resolve(EXAMPLES, "../bin/mesh.mjs");

/** The real `mesh` CLI in its own process, from the repository root: exit code, stdout, stderr. */
export async function runMesh(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: resolve(EXAMPLES, "..") });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
