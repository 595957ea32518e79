import { join } from "node:path";
import { parseManifest } from "../../manifest/parse";
import { isDirectory, registryRefs } from "../../node/org-dir";
import { parseOciRef, refToRelativePath } from "../../refs";
import { hasErrors } from "../../violations";
import { parse, printViolations, readText, UsageError, type Command } from "../io";
import { isRefusal, REGISTRY_OPTIONS, registryClient } from "../registry";

/**
 * Pushes every manifest of ORG/registry to a real registry, each under its reference's repository and tag
 * (the reference's host is a logical name; the registry is the one given). Manifests with errors are not pushed.
 */
export const runPush: Command = async (args) => {
  const usage = "mesh push ORG_DIR --registry URL [--username U --password P]";
  const { positionals, values } = parse(args, REGISTRY_OPTIONS, 1, usage);
  const registryDir = join(positionals[0], "registry");
  if (!isDirectory(registryDir)) throw new UsageError(`${positionals[0]} is not an organisation directory (expected ${registryDir})`);
  const client = registryClient(values);
  let refused = 0;
  for (const ref of registryRefs(positionals[0])) {
    const { host, repository, tag } = parseOciRef(ref) ?? {};
    if (!host || !repository || !tag) throw new UsageError(`cannot push ${ref}: not a valid oci:// reference (check the directory and file names)`);
    const file = join(registryDir, refToRelativePath({ host, repository, tag, digest: null }));
    const yaml = readText(file);
    const { violations } = parseManifest(yaml, file, { ref });
    if (hasErrors(violations)) {
      printViolations(violations.filter((v) => v.severity === "error"));
      process.stdout.write(`refused ${ref}: the manifest has errors\n`);
      refused++;
      continue;
    }
    try {
      const pushed = await client.pushManifestYaml({ repository, tag, yaml });
      process.stdout.write(`${pushed.unchanged ? "unchanged" : "pushed"} ${ref} ${pushed.digest}\n`);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      process.stdout.write(`refused ${ref}: ${e.code}: ${e.message}\n`);
      refused++;
    }
  }
  return refused ? 1 : 0;
};
