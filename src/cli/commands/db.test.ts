import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/helpers/capture-output.ts';
import {
  type LayoutServer,
  serveLayout,
  unreachableUrl,
} from '../../advisories/testing/layout-server.ts';
import {
  byFolder,
  sampleDir,
  sampleRecords,
  tempDir,
  upstreamInvalidRecord,
  writeLayout,
} from '../../advisories/testing/osv-layout.ts';
import { run } from '../main.ts';

const root = tempDir('cli-db');
const layout = join(root, 'layout');
const folders = byFolder(sampleRecords());
writeLayout(layout, { ...folders, PyPI: [...(folders.PyPI ?? []), upstreamInvalidRecord()] });

async function secflow(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const captured = captureOutput();
  const code = await run(argv, { output: captured.output, env: { HOME: root, ...env }, cwd: root });
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

describe('secflow db update', () => {
  it('imports a local layout and prints a per-ecosystem summary, then updates nothing', async () => {
    const db = join(root, 'update.db');
    const first = await secflow(['db', 'update', '--source', 'layout', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Updated ${db} from ${layout}`);
    expect(first.stdout).toMatch(/^PyPI +3 +0 +0 +0 +1 {2}1 schema-violating$/m);
    expect(first.stdout).toMatch(/^Total +20 +0 +0 +0 +1$/m);
    expect(first.stderr).toContain(
      `secflow: skipped ${join(layout, 'PyPI', 'all.zip')}!PYSEC-2019-155.json (PYSEC-2019-155): schema-violating: /affected/0/ranges/0/events/1/fixed must match pattern`,
    );
    // CI-style log lines, one per ecosystem.
    expect(first.stderr).toMatch(
      /^PyPI: 3 new, 0 updated, 0 unchanged, 0 removed, 1 skipped \(\d+\.\ds\)$/m,
    );

    const second = await secflow(['db', 'update', '--source', 'layout', '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Total +0 +0 +20 +0 +1$/m);
    expect(second.stdout).toContain('unchanged (modified_id.csv)');
    expect(second.stderr).not.toContain('skipped');
  });

  it('uses SECFLOW_DB, and XDG_CACHE_HOME when that is unset', async () => {
    const viaEnv = await secflow(['db', 'update', '--source', sampleDir], {
      SECFLOW_DB: join(root, 'env.db'),
    });
    expect(viaEnv.stdout).toContain(`Updated ${join(root, 'env.db')}`);
    const viaXdg = await secflow(['db', 'update', '--source', sampleDir], {
      XDG_CACHE_HOME: join(root, 'cache'),
    });
    expect(viaXdg.stdout).toContain(`Updated ${join(root, 'cache', 'secflow', 'advisories.db')}`);
  });

  it('rejects an unknown --ecosystem with a usage error listing the known ones', async () => {
    const result = await secflow([
      'db',
      'update',
      '--source',
      'layout',
      '--ecosystem',
      'Foo',
      '--db',
      join(root, 'x.db'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `secflow: unknown ecosystem "Foo" for ${layout}\n  known ecosystems: Alpine, Debian, Go, PyPI, RubyGems, crates.io, npm\n`,
    );
  });

  it('exits 3 with one clear line for an unreachable URL, leaving the database intact', async () => {
    const db = join(root, 'unreachable.db');
    await secflow(['db', 'update', '--source', 'layout', '--db', db]);
    const url = await unreachableUrl();
    const result = await secflow(['db', 'update', '--source', url, '--db', db]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `secflow: cannot reach ${url}/ecosystems.txt: ECONNREFUSED\n  check --source and the network; the advisory database was not changed\n`,
    );
    const status = await secflow(['db', 'status', '--db', db]);
    expect(status.stdout).toContain(', 20 records)');
  });
});

describe('secflow db update over HTTP', () => {
  let server: LayoutServer;
  beforeAll(async () => {
    server = await serveLayout(layout);
  });
  afterAll(() => server.close());

  it('syncs a mirror on 127.0.0.1 and re-syncs without downloading a zip', async () => {
    const db = join(root, 'http.db');
    const first = await secflow([
      'db',
      'update',
      '--source',
      server.url,
      '--ecosystem',
      'PyPI',
      'npm',
      '--db',
      db,
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^PyPI +3 +0 +0 +0 +1 /m);
    expect(first.stdout).toMatch(/^npm +6 +0 +0 +0 +0$/m);
    server.requests.length = 0;
    const second = await secflow([
      'db',
      'update',
      '--source',
      server.url,
      '--ecosystem',
      'PyPI,npm',
      '--db',
      db,
    ]);
    expect(second.code).toBe(0);
    expect(server.requests).toEqual([
      '/ecosystems.txt',
      '/PyPI/modified_id.csv',
      '/npm/modified_id.csv',
    ]);
  });

  it('exits 3 when a folder fails, naming it, while the others are updated', async () => {
    const db = join(root, 'http-fail.db');
    server.failures.set('/Go/all.zip', 503);
    try {
      const result = await secflow([
        'db',
        'update',
        '--source',
        server.url,
        '--ecosystem',
        'Go',
        'Alpine',
        '--db',
        db,
      ]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(
        `secflow: Go failed: ${server.url}/Go/all.zip: HTTP 503 Service Unavailable\n`,
      );
      expect(result.stdout).toMatch(/^Go +0 +0 +0 +0 +0 {2}failed, previous records kept$/m);
      expect(result.stdout).toMatch(/^Alpine +2 /m);
    } finally {
      server.failures.clear();
    }
  });
});

describe('secflow db status, show and search', () => {
  const db = join(root, 'query.db');
  beforeAll(async () => {
    await secflow(['db', 'update', '--source', 'layout', '--db', db]);
  });

  it('prints records, last update and source per ecosystem', async () => {
    const result = await secflow(['db', 'status', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Advisory database ${db}`);
    expect(result.stdout).toMatch(
      /^Go +2 +1 +0 {2}\d{4}-\d\d-\d\d \d\d:\d\d \(just now\) {2}\/\S+\/layout$/m,
    );
    expect(result.stderr).toBe('');
  });

  it('warns on stderr about stale data but still exits 0', async () => {
    const raw = new Database(db);
    raw
      .prepare("UPDATE folders SET updated_at = ? WHERE name = 'npm'")
      .run(new Date(Date.now() - 10 * 86_400_000).toISOString());
    raw.close();
    const result = await secflow(['db', 'status', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'secflow: warning: advisory data for npm is up to 10 days old (maximum 7d); run `secflow db update`\n',
    );
    const relaxed = await secflow(['db', 'status', '--db', db], { SECFLOW_DB_MAX_AGE: '30d' });
    expect(relaxed.stderr).toBe('');
    const json = await secflow(['db', 'status', '--json', '--max-age', '1w', '--db', db]);
    expect(JSON.parse(json.stdout)).toMatchObject({ records: 20, maxAge: '1w', stale: ['npm'] });
  });

  it('exits 3 with a hint when there is no database', async () => {
    const result = await secflow(['db', 'status', '--db', join(root, 'missing.db')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `secflow: no advisory database at ${join(root, 'missing.db')}\n  run \`secflow db update\` to download one\n`,
    );
  });

  it('shows a record by alias, and its exact bytes with --json', async () => {
    const pretty = await secflow(['db', 'show', 'CVE-2019-10744', '--db', db]);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toMatch(/^GHSA-jf85-cpcp-j695\n {2}Prototype Pollution in lodash\n/);
    expect(pretty.stdout).toContain('    npm lodash: ECOSYSTEM: introduced 0, fixed 4.17.12\n');
    expect(pretty.stdout).toContain(
      '  Severity   CVSS_V3 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H; CRITICAL\n',
    );

    const json = await secflow(['db', 'show', 'GHSA-jf85-cpcp-j695', '--json', '--db', db]);
    expect(json.stdout).toBe(
      `${readFileSync(join(sampleDir, 'GHSA-jf85-cpcp-j695.json'), 'utf8').trim()}\n`,
    );
  });

  it('shows withdrawn records, marked', async () => {
    const result = await secflow(['db', 'show', 'GO-2022-0617', '--db', db]);
    expect(result.stdout).toMatch(/^GO-2022-0617 WITHDRAWN \d{4}-/);
  });

  it('exits 2 for an unknown id', async () => {
    const result = await secflow(['db', 'show', 'CVE-1999-0001', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `secflow: no advisory with id or alias CVE-1999-0001 in ${db}\n`,
    );
  });

  it.each([
    ['pkg:npm/lodash', 'npm/lodash', 'GHSA-jf85-cpcp-j695'],
    ['PyPI/PY', 'PyPI/PY', 'PYSEC-2022-42969'],
    ['pkg:deb/debian/xorg-server?distro=debian-11', 'Debian:11/xorg-server', 'DSA-5380-1'],
    ['debian:11/xorg-server', 'Debian:11/xorg-server', 'DSA-5380-1'],
    ['pkg:gem/actionview', 'RubyGems/actionview', 'GHSA-xrr4-p6fq-hjg7'],
  ])('searches %s', async (query, label, id) => {
    const result = await secflow(['db', 'search', query, '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`advisories for ${label}\n`);
    expect(result.stdout).toContain(id);
  });

  it('leaves withdrawn records out of a search unless asked', async () => {
    const plain = await secflow(['db', 'search', 'crates.io/dirs', '--db', db]);
    expect(plain.stdout).toBe('No advisories for crates.io/dirs.\n');
    const all = await secflow([
      'db',
      'search',
      'crates.io/dirs',
      '--withdrawn',
      '--json',
      '--db',
      db,
    ]);
    expect(JSON.parse(all.stdout).map((r: { id: string }) => r.id)).toEqual(['RUSTSEC-2020-0053']);
  });

  it('rejects a query that names no package', async () => {
    const result = await secflow(['db', 'search', 'lodash', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('secflow: "lodash" names no package\n');
  });
});
