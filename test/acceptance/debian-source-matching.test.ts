import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { captureOutput } from '../helpers/capture-output.ts';

/**
 * Acceptance: Debian 11 packages matched against real DSA records by SOURCE package and source
 * version, epoch-aware, with installed == fixed not affected. The root filesystem is a dpkg
 * status file as dpkg writes it (binNMU "Source: name (version)" form included).
 */
const status = `Package: libssl1.1
Status: install ok installed
Architecture: amd64
Source: openssl
Version: 1.1.1n-0+deb11u3

Package: xserver-xorg-core
Status: install ok installed
Architecture: amd64
Source: xorg-server
Version: 2:1.20.11-1+deb11u6

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib
Version: 1:1.2.11.dfsg-2+deb11u1

Package: gzip
Status: install ok installed
Architecture: amd64
Version: 1.10-4+deb11u1

Package: liblzma5
Status: install ok installed
Architecture: amd64
Source: xz-utils (5.2.5-2)
Version: 5.2.5-2+b1
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'secflow-deb-'));
  mkdirSync(join(work, 'root/etc'), { recursive: true });
  mkdirSync(join(work, 'root/var/lib/dpkg'), { recursive: true });
  writeFileSync(
    join(work, 'root/etc/os-release'),
    'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nVERSION_CODENAME=bullseye\nID=debian\n',
  );
  writeFileSync(join(work, 'root/var/lib/dpkg/status'), status);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function secflow(args: string[]) {
  const captured = captureOutput();
  const exit = await run(args, {
    output: captured.output,
    env: { SECFLOW_DB: join(work, 'db.sqlite') },
    cwd: work,
  });
  return { exit, stdout: captured.stdout(), stderr: captured.stderr() };
}

it('matches by source package and version, epoch-aware, never at installed == fixed', async () => {
  const fixtures = join(import.meta.dirname, '__fixtures__/debian11-advisories');
  expect((await secflow(['db', 'update', '--source', fixtures])).exit).toBe(0);
  const { stdout } = await secflow([
    'scan',
    '--rootfs',
    join(work, 'root'),
    '--format',
    'json',
    '--fail-on',
    'none',
  ]);
  const report = JSON.parse(stdout) as {
    target: { os?: { id: string; release: string } };
    findings: { kind: string; ruleId: string; package?: { name: string; ecosystem: string } }[];
  };
  const vulns = report.findings
    .filter((f) => f.kind === 'vulnerability')
    .map((f) => `${f.package?.ecosystem} ${f.package?.name} ${f.ruleId}`)
    .sort();
  expect(vulns).toEqual([
    // binNMU: the binary is 5.2.5-2+b1 but its source, 5.2.5-2, predates the fix 5.2.5-2.1~deb11u1.
    'Debian:11 liblzma5 DSA-5123-1',
    // openssl 1.1.1n-0+deb11u3: DSA-5169-1 is fixed exactly there; only the later DSA-5343-1 applies.
    'Debian:11 libssl1.1 DSA-5343-1',
    // zlib with epoch 1: installed == DSA-5111-1's fix, below DSA-5218-1's.
    'Debian:11 zlib1g DSA-5218-1',
  ]);
});
