import { join } from "node:path";
import { evaluateOrg } from "../../org/evaluate";
import { formatImpact, IMPACT_FORMATS, type ImpactFormat } from "../../org/impact-format";
import { breaks, impactReport } from "../../org/impact-report";
import { isDirectory, readOrgInput } from "../../node/org-dir";
import { parse, UsageError, type Command } from "../io";
import { utcDay } from "../../resolve/exceptions";

const USAGE = "mesh impact BASE_DIR HEAD_DIR [--format text|markdown|json]";

function orgDir(path: string): string {
  if (!isDirectory(path)) throw new UsageError(`organisation directory ${path} does not exist`);
  if (!isDirectory(join(path, "registry"))) throw new UsageError(`${path} is not an organisation directory (expected ${join(path, "registry")})`);
  return path;
}

/**
 * What going from BASE to HEAD (a pull request's two checkouts) does to every domain and product:
 * resolved values before → after with owners, and what would break. Both trees are evaluated as
 * the console evaluates its current tree (each reference at its repository's newest version).
 */
export const runImpact: Command = async (args) => {
  const { positionals, values } = parse(args, { format: { type: "string", default: "text" } }, 2, USAGE);
  if (positionals.length > 2) throw new UsageError(`usage: ${USAGE}`);
  const format = values.format as ImpactFormat;
  if (!IMPACT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${IMPACT_FORMATS.join(", ")}, got ${values.format}`);
  const [base, head] = positionals.map(orgDir);
  const before = await evaluateOrg(readOrgInput(base), { followLatest: true, today: utcDay(new Date()) });
  const after = await evaluateOrg(readOrgInput(head), { followLatest: true, today: utcDay(new Date()) });
  const report = impactReport(before, after);
  process.stdout.write(formatImpact(report, format));
  return breaks(report) ? 1 : 0;
};
