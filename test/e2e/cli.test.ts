import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import {
  cyclonedxViolations,
  reportViolations,
  sarifViolations,
  spdxViolations,
} from '../fixtures/schemas/validators.ts';
import { captureOutput } from '../helpers/capture-output.ts';

/**
 * The CI contract end to end: {args, exit, findings} over the demo project and the bundled
 * advisory sample, through the same `run()` the binary calls.
 */
const repo = resolve(import.meta.dirname, '../..');
const demo = join(repo, 'examples/demo-project');
let work: string;
let db: string;

async function secflow(args: string[], env: NodeJS.ProcessEnv = {}) {
  const captured = captureOutput();
  const exit = await run(args, {
    output: captured.output,
    env: { SECFLOW_DB: db, ...env },
    cwd: work,
  });
  return { exit, stdout: captured.stdout(), stderr: captured.stderr() };
}

/** Advisory ids of unsuppressed findings in a JSON report. */
function activeIds(json: string): string[] {
  const report = JSON.parse(json) as { findings: { ruleId: string; suppressed?: unknown }[] };
  return report.findings
    .filter((f) => f.suppressed === undefined)
    .map((f) => f.ruleId)
    .sort();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'secflow-e2e-'));
  db = join(work, 'advisories.db');
  const update = await secflow(['db', 'update', '--source', join(repo, 'examples/advisories')]);
  expect(update.exit).toBe(0);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('secflow scan: the gate', () => {
  it.each([
    { name: 'default gate (critical) fails on the demo', args: [demo], exit: 1 },
    { name: '--fail-on none passes', args: [demo, '--fail-on', 'none'], exit: 0 },
    { name: '--fail-on high fails', args: [demo, '--fail-on', 'high'], exit: 1 },
    {
      name: 'a single clean lockfile passes',
      args: [join(demo, 'worker/go.mod'), '--fail-on', 'critical'],
      exit: 0,
    },
    {
      name: 'the Cargo.lock alone fails (smallvec is critical)',
      args: [join(demo, 'cli/Cargo.lock')],
      exit: 1,
    },
    {
      name: 'secrets only needs no advisory DB',
      args: [demo, '--scanners', 'secrets'],
      exit: 0,
      env: { SECFLOW_DB: '/nonexistent/x.db' },
    },
    { name: 'missing path is a usage error', args: [join(demo, 'nope')], exit: 2 },
    { name: 'unknown format is a usage error', args: [demo, '--format', 'pdf'], exit: 2 },
    { name: 'bad --fail-on is a usage error', args: [demo, '--fail-on', 'severe'], exit: 2 },
    { name: 'unknown scanner is a usage error', args: [demo, '--scanners', 'deps,magic'], exit: 2 },
    {
      name: 'missing advisory DB is exit 3',
      args: [demo],
      exit: 3,
      env: { SECFLOW_DB: '/nonexistent/x.db' },
    },
  ])('$name → exit $exit', async ({ args, exit, env }) => {
    const result = await secflow(['scan', ...args], env);
    expect({ exit: result.exit, stderr: result.stderr }).toMatchObject({ exit });
  });

  it('reports the known-vulnerable pins of every ecosystem in the demo', async () => {
    const { exit, stdout } = await secflow(['scan', demo, '--format', 'json']);
    expect(exit).toBe(1);
    const ids = activeIds(stdout);
    for (const id of [
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-cph5-m8f7-6c5x',
      'PYSEC-2021-142',
      'GO-2024-2963',
      'GHSA-8727-m6gj-mc37',
      'RUSTSEC-2021-0003',
    ]) {
      expect(ids).toContain(id);
    }
    // lodash@4.17.15 is past GHSA-jf85-cpcp-j695's fix (4.17.12): installed > fixed is not affected.
    expect(ids).not.toContain('GHSA-jf85-cpcp-j695');
    expect(reportViolations(JSON.parse(stdout))).toEqual([]);
  });

  it('leaves dev dependencies out unless --include-dev', async () => {
    const without = activeIds(
      (await secflow(['scan', join(demo, 'web'), '--format', 'json'])).stdout,
    );
    const withDev = activeIds(
      (await secflow(['scan', join(demo, 'web'), '--format', 'json', '--include-dev'])).stdout,
    );
    // minimist@1.2.0 is a dev dependency with a critical advisory (fixed in 1.2.6).
    expect(without).not.toContain('GHSA-xvch-5gv4-984h');
    expect(withDev).toContain('GHSA-xvch-5gv4-984h');
  });

  it('says loudly when nothing was found, and --fail-on-empty fails', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'README.md'), 'nothing here');
    const pass = await secflow(['scan', empty, '--scanners', 'deps']);
    expect(pass.exit).toBe(0);
    expect(pass.stderr).toMatch(/no lockfile, manifest, SBOM or package database found/);
    expect((await secflow(['scan', empty, '--scanners', 'deps', '--fail-on-empty'])).exit).toBe(1);
  });

  it('warns about a broken lockfile by name and scans the rest', async () => {
    const tree = join(work, 'broken');
    cpSync(join(demo, 'cli'), join(tree, 'cli'), { recursive: true });
    mkdirSync(join(tree, 'bad'), { recursive: true });
    writeFileSync(join(tree, 'bad/package-lock.json'), '{"lockfileVersion": 3, "packages": {');
    const result = await secflow(['scan', tree, '--scanners', 'deps', '--format', 'json']);
    expect(result.exit).toBe(1);
    expect(result.stderr).toMatch(/bad\/package-lock\.json/);
    expect(activeIds(result.stdout)).toContain('RUSTSEC-2021-0003');
  });
});

describe('secflow scan: policy, VEX and waivers', () => {
  it('applies secflow.yaml ignores with reasons, and expired ones stop applying', async () => {
    const project = join(work, 'ignored');
    cpSync(join(demo, 'cli'), project, { recursive: true });
    writeFileSync(
      join(project, 'secflow.yaml'),
      'ignore:\n  - id: CVE-2021-25900\n    package: smallvec\n    reason: not reachable, we never call insert_many\n    expires: 2999-01-01\n',
    );
    const ok = await secflow(['scan', project, '--scanners', 'deps']);
    expect(ok.exit).toBe(0);
    writeFileSync(
      join(project, 'secflow.yaml'),
      'ignore:\n  - id: RUSTSEC-2021-0003\n    reason: waived until the upgrade\n    expires: 2020-01-01\n',
    );
    const expired = await secflow(['scan', project, '--scanners', 'deps']);
    expect(expired.exit).toBe(1);
    expect(expired.stderr).toMatch(/ignore for RUSTSEC-2021-0003 expired on 2020-01-01/);
    writeFileSync(join(project, 'secflow.yaml'), 'ignore:\n  - id: RUSTSEC-2021-0003\n');
    const invalid = await secflow(['scan', project, '--scanners', 'deps']);
    expect(invalid.exit).toBe(2);
    expect(invalid.stderr).toMatch(/secflow\.yaml: ignore\.0\.reason/);
  });

  it('suppresses findings an OpenVEX statement declares not_affected, showing the justification', async () => {
    const vex = join(work, 'demo.openvex.json');
    writeFileSync(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.com/vex/demo-1',
        author: 'Demo Security',
        timestamp: '2026-11-01T00:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2021-25900' },
            products: [{ '@id': 'pkg:cargo/smallvec@1.6.0' }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
        ],
      }),
    );
    const result = await secflow([
      'scan',
      join(demo, 'cli'),
      '--scanners',
      'deps',
      '--vex',
      vex,
      '--format',
      'json',
    ]);
    expect(result.exit).toBe(0);
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; suppressed?: { by: string; justification?: string } }[];
    };
    expect(report.findings.find((f) => f.ruleId === 'RUSTSEC-2021-0003')?.suppressed).toMatchObject(
      {
        by: 'vex',
        justification: 'vulnerable_code_not_in_execute_path',
      },
    );
  });

  it('--ignore-unfixed waives exactly the findings without a fix', async () => {
    const all = JSON.parse(
      (await secflow(['scan', demo, '--format', 'json', '--ignore-unfixed'])).stdout,
    ) as {
      findings: { ruleId: string; fixedVersions: string[]; suppressed?: { reason: string } }[];
    };
    const waived = all.findings.filter((f) => f.suppressed !== undefined);
    const unfixed = all.findings.filter((f) => f.fixedVersions.length === 0);
    expect(unfixed.length).toBeGreaterThan(0);
    expect(waived.map((f) => f.ruleId).sort()).toEqual(unfixed.map((f) => f.ruleId).sort());
    expect(waived.every((f) => f.suppressed?.reason.includes('--ignore-unfixed'))).toBe(true);
  });
});

describe('secflow scan: reports', () => {
  it('writes several formats in one run, each valid against its published schema', async () => {
    const out = join(work, 'reports');
    const result = await secflow([
      'scan',
      demo,
      '--format',
      'sarif',
      '--output',
      join(out, 'r.sarif'),
      '--format',
      'cyclonedx',
      '--output',
      join(out, 'r.cdx.json'),
      '--format',
      'spdx',
      '--output',
      join(out, 'r.spdx.json'),
      '--format',
      'table',
    ]);
    expect(result.exit).toBe(1);
    expect(result.stdout).toMatch(/Gate: FAILED/);
    const read = (f: string) => JSON.parse(readFileSync(join(out, f), 'utf8')) as unknown;
    expect(sarifViolations(read('r.sarif'))).toEqual([]);
    expect(cyclonedxViolations(read('r.cdx.json'))).toEqual([]);
    expect(spdxViolations(read('r.spdx.json'))).toEqual([]);
  });

  it('never colours piped output', async () => {
    const { stdout } = await secflow(['scan', demo]);
    expect(stdout.includes(`${String.fromCharCode(27)}[`)).toBe(false);
  });
});

describe('secflow scan --scanners', () => {
  it('reads no lockfiles when deps is not selected', async () => {
    const only = await secflow(['scan', demo, '--scanners', 'secrets,config', '--format', 'json']);
    const report = JSON.parse(only.stdout) as { packages: unknown[]; notCheckable: unknown[] };
    expect(report.packages).toEqual([]);
    expect(report.notCheckable).toEqual([]);
    const all = JSON.parse((await secflow(['scan', demo, '--format', 'json'])).stdout) as {
      packages: unknown[];
    };
    expect(all.packages.length).toBeGreaterThan(0);
  });
});

describe('secflow sbom and SBOM input', () => {
  it('round-trips: the SBOM of the demo, scanned, gives the same findings as the tree', async () => {
    const sbom = join(work, 'demo.cdx.json');
    expect((await secflow(['sbom', demo, '--output', sbom])).exit).toBe(0);
    const fromTree = activeIds(
      (await secflow(['scan', demo, '--scanners', 'deps', '--format', 'json'])).stdout,
    );
    const fromSbom = activeIds((await secflow(['scan', sbom, '--format', 'json'])).stdout);
    expect(fromSbom).toEqual(fromTree);
  });
});

describe('secflow explain and db', () => {
  it('explains an affected and a not-affected verdict step by step', async () => {
    const affected = await secflow(['explain', 'pkg:npm/lodash@4.17.15', 'CVE-2021-23337']);
    expect(affected.exit).toBe(0);
    expect(affected.stdout).toMatch(/GHSA-35jh-r3h4-6jhm: AFFECTED/);
    expect(affected.stdout).toMatch(/fixed\s+4\.17\.21\s+4\.17\.15 >= 4\.17\.21\? no/);
    const fixed = await secflow(['explain', 'npm/lodash@4.17.21', 'GHSA-35jh-r3h4-6jhm']);
    expect(fixed.stdout).toMatch(/NOT AFFECTED/);
  });

  it('fails clearly on an unknown advisory', async () => {
    const result = await secflow(['explain', 'pkg:npm/lodash@4.17.15', 'GHSA-xxxx-xxxx-xxxx']);
    expect(result.exit).toBe(2);
    expect(result.stderr).toMatch(/no advisory "GHSA-xxxx-xxxx-xxxx"/);
  });

  it('re-running the update changes nothing', async () => {
    const again = await secflow(['db', 'update', '--source', join(repo, 'examples/advisories')]);
    expect(again.exit).toBe(0);
    expect(again.stdout + again.stderr).toMatch(/Total\s+0\s+0\s+621/);
  });
});
