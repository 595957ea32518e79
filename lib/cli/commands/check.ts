import { join } from "node:path";
import { checkOrganisation } from "../../org/check";
import { isDirectory, productFiles, registryRefs } from "../../node/org-dir";
import { ManifestStore } from "../../resolve/store";
import { exitCodeFor, parse, printViolations, readText, UsageError, type Command } from "../io";
import { manifestSourceFor, REGISTRY_OPTIONS } from "../registry";

/**
 * Resolves every product of an organisation directory and reports per domain. Manifests come from
 * ORG/registry, or from `--registry DIR|URL` (then ORG may hold products only).
 */
export const runCheck: Command = async (args) => {
  const { positionals, values } = parse(args, { ...REGISTRY_OPTIONS, json: { type: "boolean" } }, 1, "mesh check ORG_DIR [--registry DIR|URL] [--json]");
  const org = positionals[0];
  if (!values.registry && !isDirectory(join(org, "registry"))) throw new UsageError(`${org} is not an organisation directory (expected ${join(org, "registry")})`);
  if (!isDirectory(org)) throw new UsageError(`organisation directory ${org} does not exist`);
  const store = new ManifestStore(manifestSourceFor({ ...values, registry: values.registry ?? join(org, "registry") }));
  const files = productFiles(org);
  const result = await checkOrganisation(registryRefs(org), (function* () {
    for (const file of files) yield { text: readText(file), file };
  })(), store);
  if (values.json) {
    process.stdout.write(JSON.stringify(result) + "\n");
    return exitCodeFor(result.violations);
  }
  const w = Math.max(6, ...result.domains.map((d) => d.name.length));
  process.stdout.write(`${"domain".padEnd(w)}  products  invalid  manifest errors\n`);
  for (const d of result.domains) {
    process.stdout.write(`${d.name.padEnd(w)}  ${String(d.products).padStart(8)}  ${String(d.invalidProducts).padStart(7)}  ${String(d.manifestErrors).padStart(15)}\n`);
  }
  process.stdout.write("\n");
  printViolations(result.violations);
  process.stdout.write(`${result.products} products, ${result.invalidProducts} invalid; ${result.errors} error(s), ${result.warnings} warning(s)\n`);
  return exitCodeFor(result.violations);
};
