import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MisconfigurationFinding } from '../../core/finding.ts';
import type { ScanWarning } from '../../core/report.ts';
import { ALL_CHECKS, createConfigScanner } from './index.ts';

const FIXTURES = join(import.meta.dirname, '__fixtures__');

interface Expected {
  readonly findings: readonly {
    readonly ruleId: string;
    readonly path: string;
    readonly line: number;
    readonly column: number;
    readonly severity: string;
    readonly suppressed?: boolean;
  }[];
  readonly warnings: readonly { readonly path: string; readonly code: string }[];
}

async function scan(root: string) {
  const warnings: ScanWarning[] = [];
  const { findings } = await createConfigScanner().scan({
    root,
    walk: {},
    onWarning: (w) => warnings.push(w),
  });
  return { findings: findings as MisconfigurationFinding[], warnings };
}

const cases = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
  .sort();

const work = mkdtempSync(join(tmpdir(), 'secflow-config-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('config scanner fixtures', () => {
  it('has an expected-result file for every fixture', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const name of cases)
      expect(statSync(join(FIXTURES, `${name}.expected.json`)).isFile()).toBe(true);
  });

  it.each(cases)('%s reports exactly the expected findings and warnings', async (name) => {
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8'),
    ) as Expected;
    const { findings, warnings } = await scan(join(FIXTURES, name));
    const actual = findings.map((f) => ({
      ruleId: f.ruleId,
      path: f.locations[0]?.path,
      line: f.locations[0]?.line,
      column: f.locations[0]?.column,
      severity: f.severity.level,
      ...(f.suppressed === undefined ? {} : { suppressed: true }),
    }));
    expect(actual).toEqual(expected.findings);
    expect(warnings.map((w) => ({ path: w.path, code: w.code }))).toEqual(expected.warnings);
  });

  it.each(cases)('%s gives complete findings with unique fingerprints', async (name) => {
    const { findings } = await scan(join(FIXTURES, name));
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const f of findings) {
      expect(ids.has(f.ruleId)).toBe(true);
      expect(f.kind).toBe('misconfiguration');
      expect(f.title.length).toBeGreaterThan(0);
      expect(f.description.length).toBeGreaterThan(40);
      expect(f.remediation.length).toBeGreaterThan(20);
      expect(f.helpUri).toBe(`docs/checks/${f.ruleId}.md`);
      expect(f.severity.source).toBe('rule');
    }
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });
});

describe('fingerprints', () => {
  it('stay the same when lines move', async () => {
    const dir = join(work, 'moved');
    cpSync(join(FIXTURES, 'gha-pwn-request'), dir, { recursive: true });
    const file = join(dir, '.github/workflows/preview.yml');
    const before = await scan(dir);
    writeFileSync(file, `# a comment\n\n# and another\n${readFileSync(file, 'utf8')}`);
    const after = await scan(dir);
    expect(after.findings.map((f) => f.locations[0]?.line)).toEqual(
      before.findings.map((f) => (f.locations[0]?.line ?? 0) + 3),
    );
    expect(after.findings.map((f) => f.fingerprint)).toEqual(
      before.findings.map((f) => f.fingerprint),
    );
  });

  it('differ between two identical problems in one file', async () => {
    const { findings } = await scan(join(FIXTURES, 'gha-artipacked'));
    const artifact = findings.filter((f) => f.ruleId === 'gha-artifact-credentials');
    expect(artifact.length).toBe(2);
    expect(artifact[0]?.fingerprint).not.toBe(artifact[1]?.fingerprint);
  });
});

describe('scanning a single file', () => {
  it('checks a Dockerfile given directly', async () => {
    const { findings } = await scan(join(FIXTURES, 'docker-multistage', 'worker.Dockerfile'));
    expect(findings.map((f) => [f.ruleId, f.locations[0]?.path, f.locations[0]?.line])).toEqual([
      ['dockerfile-root-user', 'worker.Dockerfile', 10],
      ['dockerfile-unpinned-package', 'worker.Dockerfile', 11],
    ]);
  });
});
