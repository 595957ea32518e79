#!/usr/bin/env node
// The CLI is TypeScript in lib/cli; tsx loads it without a build step.
import { tsImport } from "tsx/esm/api";

// `mesh check ... | head` closes the pipe early; that is not an error.
process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 2));

const { main } = await tsImport("../lib/cli/mesh.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
