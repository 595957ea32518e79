import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { formatOciRef } from "@/lib/refs";

/**
 * Reads the example organisation directory (`ORG/registry/HOST/PATH/TAG.yaml` manifests,
 * `ORG/products/**` and `ORG/pending/**` floe.yaml files) into a plain enterprise → domain → product tree.
 * Deliberately shallow (no validation, no inheritance): a stand-in for the resolved tree from the database.
 */

export type ExampleProduct = { name: string; version: string; description?: string; approved: boolean };
export type ExampleDomain = { ref: string; name: string; version: string; description?: string; compute: string | null; products: ExampleProduct[] };
export type ExampleOrg = {
  enterprise: { ref: string; name: string; version: string; description?: string; compute: string | null } | null;
  domains: ExampleDomain[];
};

export const EXAMPLE_ORG_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "examples", "acme");

type Doc = Record<string, any>;

/** Returns null when the directory does not exist (the page shows an empty state). */
export async function loadExampleOrg(orgDir = EXAMPLE_ORG_DIR): Promise<ExampleOrg | null> {
  // turbopackIgnore: the directory is data read at run time, not code to trace into the build output.
  const registryDir = path.join(/*turbopackIgnore: true*/ orgDir, "registry");
  const manifestFiles = await listYaml(registryDir);
  if (manifestFiles === null) return null;

  const manifests = await Promise.all(
    manifestFiles.map(async (file) => ({ ref: refOfRegistryFile(path.relative(registryDir, file)), doc: await readYaml(file) })),
  );
  const productDocs = (
    await Promise.all(["products", "pending"].map(async (dir) => (await listYaml(path.join(/*turbopackIgnore: true*/ orgDir, dir))) ?? []))
  )
    .flat()
    .filter((file) => path.basename(file) === "floe.yaml");
  const products = await Promise.all(productDocs.map(readYaml));

  const enterprise = manifests.find((m) => m.doc.scope === "enterprise");
  const domains = manifests
    .filter((m) => m.doc.scope === "domain")
    .map(({ ref, doc }): ExampleDomain => {
      const approved: unknown[] = Array.isArray(doc.approved_products) ? doc.approved_products : [];
      return {
        ...summary(ref, doc),
        products: products
          .filter((p) => p.platform?.manifest === ref)
          .map((p) => ({
            name: String(p.metadata?.name ?? "?"),
            version: String(p.metadata?.version ?? "?"),
            description: p.metadata?.description,
            approved: approved.includes(p.metadata?.name),
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  return { enterprise: enterprise ? summary(enterprise.ref, enterprise.doc) : null, domains };
}

function summary(ref: string, doc: Doc) {
  return {
    ref,
    name: String(doc.metadata?.name ?? ref),
    version: String(doc.metadata?.version ?? "?"),
    description: doc.metadata?.description as string | undefined,
    compute: computeOf(doc),
  };
}

/** `plugins.compute.type`, the ADR shorthand `plugins.compute: snowflake`, else `defaults.compute`. */
function computeOf(doc: Doc): string | null {
  const compute = doc.plugins?.compute;
  if (typeof compute === "string") return compute;
  if (typeof compute?.type === "string") return compute.type;
  return typeof doc.defaults?.compute === "string" ? doc.defaults.compute : null;
}

/** `HOST/PATH/TAG.yaml` → `oci://HOST/PATH:TAG`. */
function refOfRegistryFile(relativeFile: string): string {
  const [host, ...rest] = relativeFile.split(path.sep);
  const tag = rest.pop()!.replace(/\.ya?ml$/, "");
  return formatOciRef({ host, repository: rest.join("/"), tag, digest: null });
}

/** A broken or non-mapping file reads as `{}` and is skipped: validation is the resolver's job. */
async function readYaml(file: string): Promise<Doc> {
  try {
    const doc = parse(await readFile(file, "utf8"));
    return doc && typeof doc === "object" ? doc : {};
  } catch {
    return {};
  }
}

async function listYaml(dir: string): Promise<string[] | null> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
