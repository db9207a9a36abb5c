// Copies the data files the compiled code reads at run time (rule YAML, schemas, EOL data…) from
// src/ to dist/, keeping their paths; test fixtures and snapshots stay behind.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;
const dist = new URL('../dist/', import.meta.url).pathname;
const skipDirs = new Set(['__fixtures__', '__snapshots__']);
let copied = 0;
const stack = [src];
while (stack.length > 0) {
  const dir = stack.pop();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!skipDirs.has(name)) stack.push(path);
    } else if (!name.endsWith('.ts') && !name.endsWith('.md')) {
      cpSync(path, join(dist, relative(src, path)));
      copied++;
    }
  }
}
console.log(`copied ${copied} data files to dist/`);
