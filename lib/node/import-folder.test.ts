import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkImportRoot, readImportFolder, resolveImportFolder } from "./import-folder";

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "mesh-import-root-"));
  root = join(base, "import");
  await mkdir(join(root, "org/sub"), { recursive: true });
  await writeFile(join(root, "org/a.yaml"), "a: 1\n");
  await writeFile(join(root, "org/sub/b.yaml"), "b: 2\n");
  await mkdir(join(base, "secret"));
  await writeFile(join(base, "secret/key.yaml"), "k: v\n");
  await symlink(join(base, "secret"), join(root, "escape"));
  await symlink(join(base, "secret/key.yaml"), join(root, "org/key.yaml"));
});
afterAll(() => rm(base, { recursive: true, force: true }));

const code = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string }) => e.code);

describe("resolveImportFolder", () => {
  it("accepts folders inside the root, relative or absolute", async () => {
    expect(await resolveImportFolder(root, "org")).toMatch(/import\/org$/);
    expect(await resolveImportFolder(root, join(root, "org/sub"))).toMatch(/import\/org\/sub$/);
  });

  it("refuses paths and links that lead outside the root, and a switched-off root", async () => {
    for (const p of ["/", "/proc", "/etc", "..", "org/../..", join(base, "secret"), "escape"]) expect([p, await code(resolveImportFolder(root, p))]).toEqual([p, "FOLDER_OUTSIDE_IMPORT_ROOT"]);
    expect(await code(resolveImportFolder(null, "org"))).toBe("FOLDER_IMPORT_DISABLED");
    expect(await code(resolveImportFolder(join(base, "nope"), "org"))).toBe("FOLDER_IMPORT_DISABLED");
    expect(await code(resolveImportFolder(root, "missing"))).toBe("NOT_A_FOLDER");
    expect(await code(resolveImportFolder(root, "org/a.yaml"))).toBe("NOT_A_FOLDER");
  });

  it("never lets the root itself be / or a system tree", () => {
    for (const r of ["/", "/proc", "/proc/self", "/sys/kernel", "/dev"]) expect(checkImportRoot(r)).toMatch(/MESH_IMPORT_ROOT/);
    expect(checkImportRoot("/srv/import")).toBeNull();
  });
});

describe("readImportFolder", () => {
  it("reads regular files and lists links without following them", async () => {
    const { files, others } = await readImportFolder(join(root, "org"));
    expect(files.map((f) => f.path)).toEqual(["a.yaml", "sub/b.yaml"]);
    expect(others).toEqual(["key.yaml"]);
  });

  it("stops at the entry, byte and depth limits", async () => {
    const dir = join(root, "org");
    expect(await code(readImportFolder(dir, { maxEntries: 2, maxBytes: 1e6, maxDepth: 8 }))).toBe("FOLDER_TOO_LARGE");
    expect(await code(readImportFolder(dir, { maxEntries: 100, maxBytes: 6, maxDepth: 8 }))).toBe("FOLDER_TOO_LARGE");
    expect(await code(readImportFolder(dir, { maxEntries: 100, maxBytes: 1e6, maxDepth: 0 }))).toBe("FOLDER_TOO_LARGE");
    expect((await readImportFolder(dir, { maxEntries: 4, maxBytes: 10, maxDepth: 1 })).files).toHaveLength(2);
  });
});
