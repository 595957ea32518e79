import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { registryFile } from "../../node/org-dir";
import { parseOciRef } from "../../refs";
import { parse, UsageError, type Command } from "../io";
import { isRefusal, REGISTRY_OPTIONS, registryClient } from "../registry";

/**
 * Pulls manifests by reference into DIR/HOST/PATH/TAG.yaml, the registry-directory layout, so
 * `mesh resolve --registry DIR` and `mesh check` work on the result offline.
 */
export const runPull: Command = async (args) => {
  const usage = "mesh pull REF... --registry URL --out DIR [--username U --password P]";
  const { positionals, values } = parse(args, { ...REGISTRY_OPTIONS, out: { type: "string" } }, 1, usage);
  if (!values.out) throw new UsageError(`--out is required; usage: ${usage}`);
  const refs = positionals.map((ref) => ({ ref, parsed: parseOciRef(ref) }));
  const invalid = refs.find((r) => !r.parsed);
  // Refused before anything is fetched or written: `..`, `.`, empty segments, backslashes, %-escapes.
  if (invalid) throw new UsageError(`not a valid oci:// reference (oci://HOST/PATH:TAG, no '..', '.', empty or encoded segments): ${invalid.ref}`);
  const client = registryClient(values);
  let missing = 0;
  for (const { ref, parsed } of refs) {
    try {
      const pulled = await client.pullManifestYaml({ repository: parsed!.repository, reference: parsed!.digest ?? parsed!.tag! });
      const file = registryFile(values.out, parsed!);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, pulled.yaml, "utf8");
      process.stdout.write(`pulled ${ref} ${pulled.digest} -> ${file}\n`);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      process.stdout.write(`missing ${ref}: ${e.code}: ${e.message}\n`);
      missing++;
    }
  }
  return missing ? 1 : 0;
};
