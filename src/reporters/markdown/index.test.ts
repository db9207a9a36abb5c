import { describe, expect, it } from 'vitest';
import {
  HOSTILE,
  hostileReport,
  makeAdvisory,
  makePackage,
  makeReport,
  makeVulnerability,
  sampleImageReport,
  sampleReport,
} from '../../../test/helpers/report-factory.ts';
import type { Finding } from '../../core/finding.ts';
import type { ScanReport } from '../../core/report.ts';
import { code, inline } from './escape.ts';
import { GITHUB_COMMENT_LIMIT, markdownReporter } from './index.ts';

const render = (report: ScanReport, includeSuppressed = true) =>
  markdownReporter.render(report, { color: false, includeSuppressed });

/** A scan of a large monorepo: `count` vulnerable packages, each with one advisory. */
function bigReport(count: number): ScanReport {
  const findings: Finding[] = [];
  for (let i = 0; i < count; i++) {
    const pkg = makePackage({
      ecosystem: 'npm',
      name: `package-number-${i}`,
      version: '1.0.0',
      locations: [{ path: `packages/app-${i % 40}/package-lock.json`, line: i + 1 }],
      direct: true,
    });
    findings.push(
      makeVulnerability({
        package: pkg,
        advisory: makeAdvisory({
          id: `GHSA-${String(i).padStart(4, '0')}-aaaa-bbbb`,
          aliases: [`CVE-2024-${10_000 + i}`],
          summary: `Prototype pollution in package-number-${i} through crafted merge input`,
        }),
        severity: i % 3 === 0 ? 'critical' : 'medium',
        fixedVersions: ['1.0.1'],
      }),
    );
  }
  return makeReport({
    findings,
    remediation: findings.flatMap((f) =>
      f.kind === 'vulnerability'
        ? [{ package: f.package, fixes: [f.advisory.id], unfixed: [], fixedVersion: '1.0.1' }]
        : [],
    ),
  });
}

/** Cells of a Markdown table row, honouring escaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}

describe('markdown reporter', () => {
  it('leads with the gate result', () => {
    expect(render(sampleReport()).split('\n').slice(0, 3)).toEqual([
      '## ❌ secflow: gate failed (fail-on high)',
      '',
      '4 finding(s) at or above high. Scanned 7 packages in `.`.',
    ]);
    const clean = makeReport({
      packages: [makePackage({ ecosystem: 'npm', name: 'a', version: '1.0.0' })],
    });
    expect(render(clean)).toMatch(
      /^## ✅ secflow: gate passed \(fail-on high\)\n\nNo findings\. Scanned 1 package in `\.`\./,
    );
  });

  it('summarizes unsuppressed findings per severity in a table', () => {
    const out = render(sampleReport());
    expect(out).toContain(
      [
        '| Severity | Findings |',
        '| :-- | --: |',
        '| 🔴 Critical | 3 |',
        '| 🟠 High | 1 |',
        '| 🟡 Medium | 2 |',
        '| 🔵 Low | 0 |',
        '| ⚪ Unknown | 1 |',
      ].join('\n'),
    );
  });

  it('says which direct dependencies to upgrade and how many findings that fixes', () => {
    const out = render(sampleReport());
    expect(out).toContain(
      'Upgrade these 3 direct dependencies to fix 4 of 5 vulnerability findings:',
    );
    expect(out).toContain(
      '- `lodash@4.17.20` → **4.17.21** (fixes GHSA-35jh-r3h4-6jhm, GHSA-29mw-wpgm-hmr9)',
    );
    expect(out).toContain(
      '- `mkdirp@0.5.5` so it pulls `minimist` **1.2.6** or later instead of 1.2.5 (fixes GHSA-xvch-5gv4-984h)',
    );
    expect(render(sampleImageReport())).not.toContain('### Remediation');
  });

  it('lists findings in a table, folded into <details> when long', () => {
    const short = render(sampleReport());
    expect(short).toContain('### Vulnerabilities (5)');
    const row = short
      .split('\n')
      .find((l) => l.startsWith('| ') && l.includes('GHSA-jfh8-c2jp-5v3q'));
    expect(cells(row ?? '')).toEqual([
      '🔴 critical 10.0',
      '`org.apache.logging.log4j:log4j-core@2.14.1`',
      'GHSA-jfh8-c2jp-5v3q (CVE-2021-44228)',
      '`2.15.0`',
      '`services/api/pom.xml:37`',
      'Remote code injection in Log4j',
    ]);
    expect(short).toMatch(/<details><summary><b>Suppressed \(2\)<\/b><\/summary>/);
    const long = render(bigReport(12));
    expect(long).toContain('<details><summary><b>Vulnerabilities (12)</b></summary>');
    expect(long).toContain('</details>');
  });

  it('stays under the GitHub comment limit and says what it left out', () => {
    const out = render(bigReport(3000));
    expect(out.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(out).toMatch(/_\d+ more not shown: GitHub comments are limited to 65536 characters/);
    expect(out).toContain('- … and 2975 more');
    expect(out.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('keeps hostile advisory text inert', () => {
    const out = render(hostileReport());
    // Code spans render literally on GitHub; everything outside them must be inert.
    const outsideCode = out.replace(/`[^`\n]*`/g, '');
    expect(outsideCode).not.toContain('<script>');
    expect(outsideCode).not.toContain('<img');
    expect(outsideCode).not.toContain('@octocat');
    expect(outsideCode).toContain('&#64;octocat');
    expect(outsideCode).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const row = out.split('\n').find((l) => l.startsWith('| 🔴') && l.includes('GHSA-xxxx'));
    expect(cells(row ?? '')).toHaveLength(6);
  });

  it('escapes text for table cells and code spans', () => {
    expect(inline('a | b')).toBe('a \\| b');
    expect(inline('<b>x</b> & @me')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; &#64;me');
    expect(inline('[x](javascript:y) *z*')).toBe('\\[x\\](javascript:y) \\*z\\*');
    expect(inline(HOSTILE.newlines)).toBe('line one line two line three');
    expect(code('a|b`c')).toBe("`a\\|b'c`");
    expect(code('')).toBe('');
  });
});
