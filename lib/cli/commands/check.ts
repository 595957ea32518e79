import { join, resolve as resolvePath } from "node:path";
import { checkOrganisation } from "../../org/check";
import { directorySource, isDirectory, productFiles, registryRefs } from "../../node/org-dir";
import { ManifestStore } from "../../resolve/store";
import { exitCodeFor, parse, printViolations, readText, UsageError, type Command } from "../io";

/** Resolves every product of an organisation directory and reports per domain. */
export const runCheck: Command = async (args) => {
  const { positionals, values } = parse(args, { json: { type: "boolean" } }, 1, "mesh check ORG_DIR [--json]");
  const org = positionals[0];
  if (!isDirectory(join(org, "registry"))) throw new UsageError(`${org} is not an organisation directory (expected ${join(org, "registry")})`);
  const store = new ManifestStore(directorySource(resolvePath(org, "registry")));
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
