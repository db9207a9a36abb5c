#!/usr/bin/env node
// Installed entry point: runs the compiled CLI (npm run build). In a checkout, `npm run secflow --`
// runs the TypeScript sources directly.
const { run } = await import('../dist/cli/main.js');
process.exitCode = await run(process.argv.slice(2));
