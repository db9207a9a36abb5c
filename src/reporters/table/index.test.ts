import { describe, expect, it } from 'vitest';
import {
  computeGate,
  hostileReport,
  makeAdvisory,
  makePackage,
  makeReport,
  makeVulnerability,
  sampleImageReport,
  sampleReport,
} from '../../../test/helpers/report-factory.ts';
import { displayWidth } from '../common/text.ts';
import { tableReporter } from './index.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape sequences
const ESC = /\u001b/;

function render(report = sampleReport(), width = 120, color = false, includeSuppressed = true) {
  return tableReporter.render(report, { color, width, includeSuppressed });
}

describe('table reporter', () => {
  it('never emits ANSI codes without colour, even for hostile advisory text', () => {
    for (const report of [sampleReport(), sampleImageReport(), hostileReport()]) {
      expect(render(report)).not.toMatch(ESC);
    }
  });

  it('colours severities when asked to', () => {
    const out = render(sampleReport(), 120, true);
    expect(out).toMatch(ESC);
    // The colour wraps the padded cell, so alignment is computed on the plain text.
    expect(out).toContain('\u001b[31mHIGH    \u001b[39m');
  });

  it('groups findings by file, then package, worst first', () => {
    const lines = render().split('\n');
    const web = lines.indexOf('web/package-lock.json');
    const pom = lines.indexOf('services/api/pom.xml');
    expect(pom).toBeGreaterThan(0);
    expect(web).toBeGreaterThan(pom);
    const rows = lines.slice(web + 2, web + 6);
    expect(rows[0]).toMatch(
      /^ {2}CRITICAL {2}minimist@1\.2\.5 +GHSA-xvch-5gv4-984h \(CVE-2021-44906\) +1\.2\.6 +Prototype/,
    );
    expect(rows[1]).toMatch(/^ {2}HIGH {6}lodash@4\.17\.20 +GHSA-35jh-r3h4-6jhm/);
    // The second lodash finding leaves the package cell empty.
    expect(rows[2]).toMatch(/^ {2}MEDIUM {4} +GHSA-29mw-wpgm-hmr9 \(CVE-2020-28500\) +4\.17\.21/);
    expect(rows[3]).toMatch(/UNKNOWN +@babel\/traverse@7\.23\.2 .* no fix +Babel/);
    // Only GIT ranges named the package: the verdict is marked as unconfirmed.
    expect(render(sampleReport(), 300)).toMatch(/Babel vulnerable .* \[unconfirmed\]/);
  });

  it('keeps every line within the terminal width', () => {
    for (const width of [80, 100, 160]) {
      for (const line of render(sampleReport(), width).split('\n')) {
        expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      }
    }
  });

  it('defaults to 120 columns and truncates long titles with an ellipsis', () => {
    const out = tableReporter.render(hostileReport(), { color: false });
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(120);
    expect(out).toContain('…');
    expect(out).not.toContain('T'.repeat(200));
  });

  it('shows secrets, misconfigurations and end-of-life in their own sections', () => {
    const out = render();
    expect(out).toMatch(
      /Secrets \(1\)\n.*\n {2}CRITICAL {2}config\/settings\.py:12 +aws-access-key-id +AKIA…/,
    );
    expect(out).toMatch(
      /Misconfigurations \(1\)\n.*\n {2}MEDIUM +\.github\/workflows\/ci\.yml:18 +gha\/unpinned-action/,
    );
    expect(render(sampleImageReport())).toMatch(
      /End of life \(1\)\n.*\n {2}HIGH +debian 10 +2024-06-30/,
    );
  });

  it('lists suppressed findings with their reason, or says how many were hidden', () => {
    const out = render();
    expect(out).toMatch(/Suppressed \(2\)/);
    expect(out).toMatch(
      /PYSEC-2023-100 +django@3\.2\.18 +vex: VEX vex\/openvex\.json: not_affected/,
    );
    expect(out).toMatch(
      /GO-2022-1059 +golang\.org\/x\/text@0\.3\.7 +ignore: build tool only.*until 2026-06-30/,
    );
    const hidden = render(sampleReport(), 120, false, false);
    expect(hidden).toContain('2 suppressed findings not shown.');
    expect(hidden).not.toContain('PYSEC-2023-100');
  });

  it('ends with the severity summary, not-checkable and warning counts, and the gate', () => {
    const tail = render().trimEnd().split('\n').slice(-4);
    expect(tail).toEqual([
      'Findings: 3 critical, 1 high, 2 medium, 0 low, 1 unknown · 2 suppressed',
      'Not checkable: 2 (1 unpinned, 1 non-registry)',
      'Warnings: 1',
      'Gate: FAILED (fail-on high): 4 finding(s) at or above high',
    ]);
  });

  it('says so when there is nothing to report and the gate passes', () => {
    const pkg = makePackage({ ecosystem: 'npm', name: 'left-pad', version: '1.3.0' });
    const out = render(makeReport({ packages: [pkg] }));
    expect(out).toContain('No findings.');
    expect(out).toContain('Gate: passed (fail-on high)');
    expect(out).toContain('Not checkable: 0');
  });

  it('reports a gate that is off', () => {
    const pkg = makePackage({ ecosystem: 'npm', name: 'lodash', version: '4.17.20' });
    const finding = makeVulnerability({
      package: pkg,
      advisory: makeAdvisory({ id: 'GHSA-35jh-r3h4-6jhm' }),
      severity: 'high',
    });
    const out = render(makeReport({ findings: [finding], gate: computeGate([finding], 'none') }));
    expect(out).toContain('Gate: off (fail-on none)');
  });

  it('renders hostile text as one sanitized line per row', () => {
    const out = render(hostileReport(), 200);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).not.toContain('line one\nline two');
  });
});
