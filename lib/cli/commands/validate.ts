import { parseAny } from "../../manifest/parse";
import { exitCodeFor, parse, printViolations, readText, type Command } from "../io";

/** Checks files on their own: YAML, floe schema, scope constraints. No references are followed. */
export const runValidate: Command = async (args) => {
  const { positionals } = parse(args, {}, 1, "mesh validate FILE...");
  const all = positionals.flatMap((file) => parseAny(readText(file), file).violations);
  printViolations(all);
  return exitCodeFor(all);
};
