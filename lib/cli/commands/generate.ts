import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generateOrganisation } from "../../org/generate";
import { parse, UsageError, type Command } from "../io";

const positiveInt = (name: string, raw: string | undefined, fallback?: number): number => {
  const n = raw === undefined ? fallback : Number(raw);
  if (n === undefined || !Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer`);
  return n;
};

/** Writes a synthetic organisation, deterministic per seed. */
export const runGenerate: Command = async (args) => {
  const usage = "mesh generate ORG_DIR --domains N --products-per-domain M [--seed S]";
  const { positionals, values } = parse(args, { domains: { type: "string" }, "products-per-domain": { type: "string" }, seed: { type: "string" } }, 1, usage);
  if (values.domains === undefined || values["products-per-domain"] === undefined) throw new UsageError(`usage: ${usage}`);
  const options = {
    domains: positiveInt("domains", values.domains),
    productsPerDomain: positiveInt("products-per-domain", values["products-per-domain"]),
    seed: positiveInt("seed", values.seed, 1),
  };
  let files = 0;
  const made = new Set<string>();
  for (const file of generateOrganisation(options)) {
    const path = join(positionals[0], file.path);
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, file.text);
    files++;
  }
  process.stdout.write(`wrote ${files} files to ${positionals[0]} (${options.domains} domains × ${options.productsPerDomain} products, seed ${options.seed})\n`);
  return 0;
};
