#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `tiendo` works from a checkout without a build step.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
const { runCli } = await import('../src/server/cli/main.ts');
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
