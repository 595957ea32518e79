import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { formatViolation, type Violation } from "../violations";

/** A command takes its arguments and returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;

export class UsageError extends Error {}

export function parse<T extends ParseArgsConfig["options"]>(args: string[], options: T, minPositionals: number, usage: string) {
  const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  if (parsed.positionals.length < minPositionals) throw new UsageError(`usage: ${usage}`);
  return parsed;
}

export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

export function printViolations(vs: readonly Violation[]) {
  for (const v of vs) process.stdout.write(formatViolation(v) + "\n");
}

export const exitCodeFor = (vs: readonly Violation[]) => (vs.some((v) => v.severity === "error") ? 1 : 0);
