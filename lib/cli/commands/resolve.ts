import { parseProduct } from "../../manifest/parse";
import { resolve } from "../../resolve/resolve";
import { ManifestStore } from "../../resolve/store";
import { exitCodeFor, parse, printViolations, readText, UsageError, type Command } from "../io";
import { manifestSourceFor, REGISTRY_OPTIONS } from "../registry";
import { utcDay } from "../../resolve/exceptions";

/** Resolves one product against the manifests in a registry directory or a real registry. */
export const runResolve: Command = async (args) => {
  const usage = "mesh resolve FLOE_YAML --registry DIR|URL [--json]";
  const { positionals, values } = parse(args, { ...REGISTRY_OPTIONS, json: { type: "boolean" } }, 1, usage);
  if (!values.registry) throw new UsageError(`--registry is required; usage: ${usage}`);
  const file = positionals[0];
  const store = new ManifestStore(manifestSourceFor(values), { today: utcDay(new Date()) });
  const resolution = await resolve(parseProduct(readText(file), file), store);
  if (values.json) {
    process.stdout.write(JSON.stringify(resolution) + "\n");
    return exitCodeFor(resolution.violations);
  }
  process.stdout.write(`${resolution.product} (${resolution.mode})\n`);
  process.stdout.write(`chain: ${resolution.chain.map((c) => `${c.tier} ${c.name}${c.version ? `@${c.version}` : ""}`).join(" → ")}\n\n`);
  const rows = Object.entries(resolution.provenance).map(([path, p]) => [path, JSON.stringify(valueAt(resolution.resolved, path)), `${p.tier}${p.version ? ` ${p.version}` : ""}${p.locked ? " (locked)" : ""}`]);
  const w0 = Math.max(4, ...rows.map((r) => r[0].length));
  const w1 = Math.min(48, Math.max(5, ...rows.map((r) => r[1].length)));
  for (const [path, value, origin] of rows) process.stdout.write(`  ${path.padEnd(w0)}  ${value.padEnd(w1)}  ${origin}\n`);
  process.stdout.write("\n");
  printViolations(resolution.violations);
  process.stdout.write(resolution.violations.length ? `${resolution.violations.length} problem(s)\n` : "no problems\n");
  return exitCodeFor(resolution.violations);
};

function valueAt(root: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, seg) => (node && typeof node === "object" ? (node as Record<string, unknown>)[seg] : undefined), root);
}
