import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConfigScanner } from '../index.ts';
import { ALL_CHECKS } from './index.ts';
import { renderCheckDoc, renderCheckIndex } from './render-doc.ts';
import { DOCS_DIR } from './write-docs.ts';

interface Example {
  readonly file: string;
  readonly body: string;
}

/** The fenced block under a `### <heading>` of a check's page. */
function example(markdown: string, heading: 'Bad' | 'Good'): Example {
  const section = markdown.split(/^### /m).find((s) => s.startsWith(`${heading}\n`));
  const m = /^```\w+ file=(\S+)\n([\s\S]*?)^```$/m.exec(section ?? '');
  if (m === null) throw new Error(`no ${heading} example`);
  return { file: m[1] as string, body: m[2] as string };
}

const work = mkdtempSync(join(tmpdir(), 'secflow-check-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function ruleIdsFor(name: string, ex: Example): Promise<string[]> {
  const root = join(work, name);
  mkdirSync(dirname(join(root, ex.file)), { recursive: true });
  writeFileSync(join(root, ex.file), ex.body);
  const warnings: string[] = [];
  const { findings } = await createConfigScanner().scan({
    root,
    walk: {},
    // Files an example includes are not part of it.
    onWarning: (w) =>
      w.code === 'not-found' ? undefined : warnings.push(`${w.path}: ${w.message}`),
  });
  expect(warnings).toEqual([]);
  return findings.map((f) => f.ruleId);
}

describe('check documentation', () => {
  it('has unique, kebab-case ids', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^(?:gha|gitlab|dockerfile)-[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('indexes every check in docs/checks/README.md', () => {
    const index = readFileSync(join(DOCS_DIR, 'README.md'), 'utf8');
    expect(index).toBe(renderCheckIndex(ALL_CHECKS));
    for (const c of ALL_CHECKS) expect(index).toContain(`](${c.id}.md)`);
  });

  describe.each(ALL_CHECKS.map((c) => [c.id, c] as const))('%s', (id, meta) => {
    const path = join(DOCS_DIR, `${id}.md`);

    it('has a page rendered from its metadata', () => {
      const page = readFileSync(path, 'utf8');
      // A failure here means the metadata changed: run src/scanners/config/checks/write-docs.ts.
      expect(page).toBe(renderCheckDoc(meta));
      for (const part of ['## Why it matters', '## How to fix', '### Bad', '### Good'])
        expect(page).toContain(part);
      expect(page).toContain(`| Check id | \`${id}\` |`);
      expect(page).toContain(`| Severity | ${meta.severity}`);
    });

    it('fires on the bad example of its page and not on the good one', async () => {
      const page = readFileSync(path, 'utf8');
      expect(await ruleIdsFor(`${id}-bad`, example(page, 'Bad'))).toContain(id);
      expect(await ruleIdsFor(`${id}-good`, example(page, 'Good'))).not.toContain(id);
    });
  });
});
