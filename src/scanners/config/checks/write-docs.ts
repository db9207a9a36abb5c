import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS } from './index.ts';
import { renderCheckDoc, renderCheckIndex } from './render-doc.ts';

/** Where the check documentation lives, from the repository root. */
export const DOCS_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'checks');

/** Rewrites docs/checks from the check metadata. */
export function writeCheckDocs(dir = DOCS_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const meta of ALL_CHECKS) {
    writeFileSync(join(dir, `${meta.id}.md`), renderCheckDoc(meta));
    written.push(`${meta.id}.md`);
  }
  writeFileSync(join(dir, 'README.md'), renderCheckIndex(ALL_CHECKS));
  return [...written, 'README.md'];
}

if (process.argv[1] === import.meta.filename) {
  for (const name of writeCheckDocs()) console.log(`docs/checks/${name}`);
}
