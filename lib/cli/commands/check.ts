import { join, relative, resolve } from "node:path";
import { isDirectory, productFiles, registryFiles, registryRefs } from "../../node/org-dir";
import { ManifestStore } from "../../resolve/store";
import { checkOrganisationFiles } from "../check-parallel";
import { exitCodeFor, parse, printViolations, UsageError, type Command } from "../io";
import { toJunit } from "../formats/junit";
import { toSarif } from "../formats/sarif";
import { manifestSourceFor, REGISTRY_OPTIONS } from "../registry";
import { utcDay } from "../../resolve/exceptions";

const FORMATS = ["text", "json", "sarif", "junit"] as const;
const USAGE = "mesh check ORG_DIR [--registry DIR|URL] [--format text|json|sarif|junit] [--json]";

/** MESH_CHECK_WORKERS: worker threads besides the main thread (unset or 0: none; see check-parallel.ts for why). */
function workersFromEnv(): number | undefined {
  const raw = process.env.MESH_CHECK_WORKERS;
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`MESH_CHECK_WORKERS must be a whole number from 0 to 64, got ${raw}`);
  return n;
}

/**
 * Resolves every product of an organisation directory and reports per domain. Manifests come from
 * ORG/registry, or from `--registry DIR|URL` (then ORG may hold products only).
 */
export const runCheck: Command = async (args) => {
  const { positionals, values } = parse(args, { ...REGISTRY_OPTIONS, json: { type: "boolean" }, format: { type: "string" } }, 1, USAGE);
  const format = values.format ?? (values.json ? "json" : "text");
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got ${format}`);
  if (values.json && format !== "json") throw new UsageError(`--json and --format ${format} contradict each other`);
  const org = positionals[0];
  if (!values.registry && !isDirectory(join(org, "registry"))) throw new UsageError(`${org} is not an organisation directory (expected ${join(org, "registry")})`);
  if (!isDirectory(org)) throw new UsageError(`organisation directory ${org} does not exist`);
  const today = utcDay(new Date());
  const store = new ManifestStore(manifestSourceFor({ ...values, registry: values.registry ?? join(org, "registry") }), { today });
  const files = productFiles(org);
  // Asked for by number, workers are used whatever the organisation's size.
  const result = await checkOrganisationFiles(registryRefs(org), files, store, { today, workers: workersFromEnv(), threshold: 0 });
  if (format === "json") process.stdout.write(JSON.stringify(result) + "\n");
  if (format === "sarif") process.stdout.write(JSON.stringify(toSarif(result.violations)) + "\n");
  if (format === "junit") {
    // Named as the violations name them: manifests relative to the working directory (directorySource), products as walked.
    const manifests = values.registry ? [] : registryFiles(org).map((f) => relative(process.cwd(), resolve(f)));
    process.stdout.write(toJunit([...manifests, ...files], result.violations));
  }
  if (format !== "text") return exitCodeFor(result.violations);
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
