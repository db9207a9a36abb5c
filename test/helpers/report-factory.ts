/**
 * Builders for realistic ScanReport objects in tests. Everything is deterministic: fixed
 * timestamps, fingerprints derived from content, severities scored from real CVSS vectors.
 * `sampleReport()` and `sampleImageReport()` are ready-made scans shaped like real ones; the
 * `make*` builders assemble custom reports with only the fields a test cares about.
 */
import { createHash } from 'node:crypto';
import type {
  AdvisoryRef,
  EndOfLifeFinding,
  Finding,
  MisconfigurationFinding,
  SecretFinding,
  Suppression,
  VulnerabilityFinding,
} from '../../src/core/finding.ts';
import type { PackageRef, SkippedEntry, SourceLocation } from '../../src/core/package.ts';
import type {
  GateResult,
  Remediation,
  ScanReport,
  ScanTarget,
  ScanWarning,
} from '../../src/core/report.ts';
import {
  levelFromScore,
  type Severity,
  type SeverityAssessment,
  type SeverityLevel,
  scoreCvssVector,
  severityRank,
} from '../../src/core/severity.ts';

export const FIXED_STARTED_AT = '2026-01-15T10:00:00.000Z';
export const FIXED_FINISHED_AT = '2026-01-15T10:00:03.250Z';
export const TOOL_VERSION = '0.1.0';

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** A severity from a CVSS v3/v4 vector (scored for real), or a bare level from a database. */
export function severity(vectorOrLevel: string): SeverityAssessment {
  if (vectorOrLevel.startsWith('CVSS:')) {
    const scored = scoreCvssVector(vectorOrLevel);
    if (scored === undefined) throw new Error(`bad CVSS vector in test: ${vectorOrLevel}`);
    return {
      level: levelFromScore(scored.base),
      score: scored.base,
      vector: vectorOrLevel,
      source: scored.version === '4.0' ? 'CVSS_V4' : 'CVSS_V3',
    };
  }
  if (vectorOrLevel === 'unknown') return { level: 'unknown', source: 'none' };
  return { level: vectorOrLevel as SeverityLevel, source: 'database_specific' };
}

export type PackageInit = Pick<PackageRef, 'ecosystem' | 'name' | 'version'> &
  Partial<Omit<PackageRef, 'ecosystem' | 'name' | 'version'>>;

/** A package found at `locations` (default: one lockfile typical for its ecosystem). */
export function makePackage(init: PackageInit): PackageRef {
  return { locations: [{ path: defaultLockfile(init.ecosystem) }], ...init };
}

function defaultLockfile(ecosystem: string): string {
  const base = ecosystem.split(':')[0] ?? ecosystem;
  const files: Record<string, string> = {
    npm: 'package-lock.json',
    PyPI: 'requirements.txt',
    Go: 'go.mod',
    Maven: 'pom.xml',
    'crates.io': 'Cargo.lock',
    RubyGems: 'Gemfile.lock',
    Debian: 'var/lib/dpkg/status',
    Ubuntu: 'var/lib/dpkg/status',
    Alpine: 'lib/apk/db/installed',
  };
  return files[base] ?? 'lockfile';
}

export type AdvisoryInit = Pick<AdvisoryRef, 'id'> & Partial<Omit<AdvisoryRef, 'id'>>;

export function makeAdvisory(init: AdvisoryInit): AdvisoryRef {
  return {
    aliases: [],
    modified: '2024-01-01T00:00:00Z',
    references: [{ type: 'ADVISORY', url: `https://osv.dev/vulnerability/${init.id}` }],
    ...init,
  };
}

export interface VulnerabilityInit {
  readonly package: PackageRef;
  readonly advisory: AdvisoryRef;
  /** A CVSS vector or a level; default "unknown". */
  readonly severity?: string | SeverityAssessment;
  readonly fixedVersions?: readonly string[];
  readonly suppressed?: Suppression;
  readonly verdict?: VulnerabilityFinding['verdict'];
  readonly title?: string;
}

export function makeVulnerability(init: VulnerabilityInit): VulnerabilityFinding {
  const { package: pkg, advisory } = init;
  const sev =
    typeof init.severity === 'object' ? init.severity : severity(init.severity ?? 'unknown');
  return {
    kind: 'vulnerability',
    fingerprint: shortHash(`${pkg.ecosystem}/${pkg.name}@${pkg.version}/${advisory.id}`),
    ruleId: advisory.id,
    title: init.title ?? advisory.summary ?? advisory.details?.split('\n')[0] ?? advisory.id,
    severity: sev,
    locations: pkg.locations,
    advisory,
    package: pkg,
    verdict: init.verdict ?? 'affected',
    fixedVersions: init.fixedVersions ?? [],
    ...(init.suppressed === undefined ? {} : { suppressed: init.suppressed }),
  };
}

export function makeSecret(init: {
  ruleId: string;
  title: string;
  location: SourceLocation;
  redacted: string;
  severity?: string;
  kind?: SecretFinding['kind'];
  commit?: SecretFinding['commit'];
  suppressed?: Suppression;
}): SecretFinding {
  return {
    kind: init.kind ?? 'secret',
    fingerprint: shortHash(`${init.ruleId}/${init.location.path}/${init.redacted}`),
    ruleId: init.ruleId,
    title: init.title,
    severity: severity(init.severity ?? 'high'),
    locations: [init.location],
    redacted: init.redacted,
    ...(init.commit === undefined ? {} : { commit: init.commit }),
    ...(init.suppressed === undefined ? {} : { suppressed: init.suppressed }),
  };
}

export function makeMisconfiguration(init: {
  ruleId: string;
  title: string;
  location: SourceLocation;
  description: string;
  remediation: string;
  severity?: string;
  helpUri?: string;
}): MisconfigurationFinding {
  return {
    kind: 'misconfiguration',
    fingerprint: shortHash(`${init.ruleId}/${init.location.path}/${init.location.line ?? 0}`),
    ruleId: init.ruleId,
    title: init.title,
    severity: severity(init.severity ?? 'medium'),
    locations: [init.location],
    description: init.description,
    remediation: init.remediation,
    ...(init.helpUri === undefined ? {} : { helpUri: init.helpUri }),
  };
}

export function makeEndOfLife(init: {
  distro: EndOfLifeFinding['distro'];
  location: SourceLocation;
  severity?: string;
}): EndOfLifeFinding {
  const { distro } = init;
  return {
    kind: 'end-of-life',
    fingerprint: shortHash(`eol/${distro.id}/${distro.release}`),
    ruleId: `secflow/eol/${distro.id}`,
    title: `${distro.id} ${distro.release} reached end of life on ${distro.eol}`,
    severity: severity(init.severity ?? 'high'),
    locations: [init.location],
    distro,
  };
}

/** The gate as the scan computes it: unsuppressed findings at or above `failOn` fail it. */
export function computeGate(
  findings: readonly Finding[],
  failOn: SeverityLevel | 'none' = 'high',
): GateResult {
  const counts: Record<Severity, number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    none: 0,
    unknown: 0,
  };
  for (const f of findings) if (f.suppressed === undefined) counts[f.severity.level] += 1;
  const failing =
    failOn === 'none'
      ? 0
      : findings.filter(
          (f) =>
            f.suppressed === undefined && severityRank(f.severity.level) >= severityRank(failOn),
        ).length;
  return {
    failOn,
    failed: failing > 0,
    counts,
    reasons: failing > 0 ? [`${failing} finding(s) at or above ${failOn}`] : [],
  };
}

export interface ReportInit {
  readonly target?: ScanTarget;
  readonly packages?: readonly PackageRef[];
  readonly findings?: readonly Finding[];
  readonly notCheckable?: readonly SkippedEntry[];
  readonly warnings?: readonly ScanWarning[];
  readonly remediation?: readonly Remediation[];
  readonly failOn?: SeverityLevel | 'none';
  readonly gate?: GateResult;
  readonly scanners?: readonly string[];
  readonly database?: ScanReport['database'];
}

/**
 * A report around the given parts. Packages default to those of the vulnerability findings;
 * the gate defaults to what `computeGate` says for `failOn` (default "high").
 */
export function makeReport(init: ReportInit = {}): ScanReport {
  const findings = init.findings ?? [];
  const packages =
    init.packages ??
    uniqueBy(
      findings.flatMap((f) => (f.kind === 'vulnerability' ? [f.package] : [])),
      (p) => `${p.ecosystem}/${p.name}@${p.version}`,
    );
  return {
    schemaVersion: '1.0',
    tool: { name: 'secflow', version: TOOL_VERSION },
    startedAt: FIXED_STARTED_AT,
    finishedAt: FIXED_FINISHED_AT,
    target: init.target ?? { path: '.', kind: 'directory' },
    scanners: init.scanners ?? ['dependencies'],
    ...(init.database === undefined ? {} : { database: init.database }),
    packages,
    findings,
    notCheckable: init.notCheckable ?? [],
    warnings: init.warnings ?? [],
    remediation: init.remediation ?? [],
    gate: init.gate ?? computeGate(findings, init.failOn),
  };
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

// Real advisories (ids, aliases, summaries, vectors, fix versions as published in OSV).
const LODASH_CMD = makeAdvisory({
  id: 'GHSA-35jh-r3h4-6jhm',
  aliases: ['CVE-2021-23337'],
  summary: 'Command Injection in lodash',
  details:
    '`lodash` versions prior to 4.17.21 are vulnerable to Command Injection via the template function.',
  published: '2021-05-06T16:05:51Z',
  modified: '2022-02-08T21:35:09Z',
  references: [
    { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337' },
    {
      type: 'WEB',
      url: 'https://github.com/lodash/lodash/commit/3469357cff396a26c363f8c1b5a91dde28ba4b1c',
    },
    { type: 'PACKAGE', url: 'https://github.com/lodash/lodash' },
  ],
});

const LODASH_REDOS = makeAdvisory({
  id: 'GHSA-29mw-wpgm-hmr9',
  aliases: ['CVE-2020-28500'],
  summary: 'Regular Expression Denial of Service (ReDoS) in lodash',
  published: '2022-01-06T20:30:46Z',
  modified: '2023-09-11T16:22:18Z',
  references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-28500' }],
});

const MINIMIST = makeAdvisory({
  id: 'GHSA-xvch-5gv4-984h',
  aliases: ['CVE-2021-44906'],
  summary: 'Prototype Pollution in minimist',
  published: '2022-03-18T00:01:09Z',
  modified: '2023-02-27T14:47:14Z',
  references: [
    { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44906' },
    { type: 'WEB', url: 'https://github.com/minimistjs/minimist/issues/11' },
  ],
});

const LOG4SHELL = makeAdvisory({
  id: 'GHSA-jfh8-c2jp-5v3q',
  aliases: ['CVE-2021-44228'],
  summary: 'Remote code injection in Log4j',
  published: '2021-12-10T00:40:56Z',
  modified: '2024-06-12T18:38:16Z',
  references: [
    { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' },
    { type: 'WEB', url: 'https://logging.apache.org/log4j/2.x/security.html' },
  ],
});

const DJANGO_REDOS = makeAdvisory({
  id: 'PYSEC-2023-100',
  aliases: ['CVE-2023-36053', 'GHSA-jh3w-4vvf-mjgr'],
  details:
    'In Django 3.2 before 3.2.20, 4 before 4.1.10, and 4.2 before 4.2.3, EmailValidator and URLValidator are subject to a potential ReDoS (regular expression denial of service) attack via a very large number of domain name labels of emails and URLs.',
  published: '2023-07-03T13:15:00Z',
  modified: '2023-07-11T05:20:00Z',
  references: [
    {
      type: 'ADVISORY',
      url: 'https://www.djangoproject.com/weblog/2023/jul/03/security-releases/',
    },
  ],
});

const X_TEXT = makeAdvisory({
  id: 'GO-2022-1059',
  aliases: ['CVE-2022-32149', 'GHSA-69ch-w2m2-3vjp'],
  summary: 'Denial of service via crafted Accept-Language header in golang.org/x/text/language',
  details:
    'An attacker may cause a denial of service by crafting an Accept-Language header which ParseAcceptLanguage will take significant time to parse.',
  published: '2022-10-11T18:16:24Z',
  modified: '2024-05-20T16:03:47Z',
  references: [
    { type: 'REPORT', url: 'https://go.dev/issue/56152' },
    { type: 'FIX', url: 'https://go.dev/cl/442235' },
  ],
});

/**
 * A directory scan of a polyglot repository: npm (direct and transitive, with a dependency
 * graph), PyPI, Maven and Go findings, one VEX-suppressed and one ignored finding, a leaked
 * key and a workflow misconfiguration; gate "high", which fails.
 */
export function sampleReport(): ScanReport {
  const npmPath = 'web/package-lock.json';
  const lodash = makePackage({
    ecosystem: 'npm',
    name: 'lodash',
    version: '4.17.20',
    purl: 'pkg:npm/lodash@4.17.20',
    locations: [{ path: npmPath, line: 41 }],
    direct: true,
    extractor: 'npm/package-lock',
  });
  const mkdirp = makePackage({
    ecosystem: 'npm',
    name: 'mkdirp',
    version: '0.5.5',
    purl: 'pkg:npm/mkdirp@0.5.5',
    locations: [{ path: npmPath, line: 52 }],
    direct: true,
    dev: true,
    dependsOn: ['minimist@1.2.5'],
    extractor: 'npm/package-lock',
  });
  const minimist = makePackage({
    ecosystem: 'npm',
    name: 'minimist',
    version: '1.2.5',
    purl: 'pkg:npm/minimist@1.2.5',
    locations: [{ path: npmPath, line: 60 }],
    direct: false,
    dev: true,
    dependencyPath: ['mkdirp@0.5.5', 'minimist@1.2.5'],
    extractor: 'npm/package-lock',
  });
  const babel = makePackage({
    ecosystem: 'npm',
    name: '@babel/traverse',
    version: '7.23.2',
    purl: 'pkg:npm/%40babel/traverse@7.23.2',
    locations: [{ path: npmPath, line: 12 }],
    direct: true,
    dev: true,
    extractor: 'npm/package-lock',
  });
  const log4j = makePackage({
    ecosystem: 'Maven',
    name: 'org.apache.logging.log4j:log4j-core',
    version: '2.14.1',
    purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    locations: [{ path: 'services/api/pom.xml', line: 37, column: 5 }],
    direct: true,
    extractor: 'maven/pom',
  });
  const django = makePackage({
    ecosystem: 'PyPI',
    name: 'django',
    version: '3.2.18',
    purl: 'pkg:pypi/django@3.2.18',
    locations: [{ path: 'requirements.txt', line: 3 }],
    direct: true,
    extractor: 'pypi/requirements',
  });
  const xtext = makePackage({
    ecosystem: 'Go',
    name: 'golang.org/x/text',
    version: '0.3.7',
    purl: 'pkg:golang/golang.org/x/text@v0.3.7',
    locations: [{ path: 'tools/go.mod', line: 9 }],
    direct: false,
    extractor: 'go/go-mod',
  });

  const findings: Finding[] = [
    makeVulnerability({
      package: lodash,
      advisory: LODASH_CMD,
      severity: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
      fixedVersions: ['4.17.21'],
    }),
    makeVulnerability({
      package: lodash,
      advisory: LODASH_REDOS,
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
      fixedVersions: ['4.17.21'],
    }),
    makeVulnerability({
      package: minimist,
      advisory: MINIMIST,
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      fixedVersions: ['1.2.6'],
    }),
    makeVulnerability({
      package: log4j,
      advisory: LOG4SHELL,
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
      fixedVersions: ['2.15.0'],
    }),
    makeVulnerability({
      package: django,
      advisory: DJANGO_REDOS,
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
      fixedVersions: ['3.2.20', '4.1.10', '4.2.3'],
      suppressed: {
        by: 'vex',
        reason: 'VEX vex/openvex.json: not_affected: validators are never fed user input',
        justification: 'vulnerable_code_not_in_execute_path',
      },
    }),
    makeVulnerability({
      package: xtext,
      advisory: X_TEXT,
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
      fixedVersions: ['0.3.8'],
      suppressed: {
        by: 'ignore',
        reason: 'build tool only, never handles requests',
        expires: '2026-06-30',
      },
    }),
    makeVulnerability({
      package: babel,
      advisory: makeAdvisory({
        id: 'GHSA-67hx-6x53-jw92',
        aliases: ['CVE-2023-45133'],
        summary:
          'Babel vulnerable to arbitrary code execution when compiling specifically crafted malicious code',
        modified: '2023-10-16T13:55:36Z',
      }),
      severity: 'unknown',
      verdict: 'unknown',
      fixedVersions: [],
    }),
    makeSecret({
      ruleId: 'aws-access-key-id',
      title: 'AWS access key ID',
      location: { path: 'config/settings.py', line: 12, column: 18, endLine: 12, endColumn: 38 },
      redacted: 'AKIA…(sha256:9f2c41d0)',
      severity: 'critical',
    }),
    makeMisconfiguration({
      ruleId: 'gha/unpinned-action',
      title: 'Third-party action not pinned to a commit SHA',
      location: { path: '.github/workflows/ci.yml', line: 18, column: 15 },
      description: 'actions/checkout@v4 can change under you; a moved tag runs new code in CI.',
      remediation: 'Pin to a full commit SHA: uses: actions/checkout@<sha> # v4',
      helpUri:
        'https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions',
      severity: 'medium',
    }),
  ];

  return makeReport({
    target: { path: '.', kind: 'directory' },
    scanners: ['dependencies', 'secrets', 'ci-config'],
    database: {
      path: '~/.cache/secflow/osv.db',
      updatedAt: '2026-01-15T06:00:00Z',
      records: 231_877,
    },
    packages: [babel, lodash, mkdirp, minimist, log4j, django, xtext],
    findings,
    notCheckable: [
      {
        path: 'requirements.txt',
        line: 7,
        name: 'requests',
        version: '>=2.28',
        entry: 'requests>=2.28',
        reason: 'unpinned',
      },
      {
        path: 'web/package-lock.json',
        name: 'internal-ui',
        entry: 'git+ssh://git@github.com/acme/internal-ui.git#3f1c2e9',
        reason: 'non-registry',
      },
    ],
    warnings: [
      {
        path: 'legacy/yarn.lock',
        message: 'unsupported yarn.lock version 1 syntax',
        code: 'parse-error',
      },
    ],
    remediation: [
      {
        package: lodash,
        fixes: ['GHSA-35jh-r3h4-6jhm', 'GHSA-29mw-wpgm-hmr9'],
        unfixed: [],
        fixedVersion: '4.17.21',
        fixedVersionSameMajor: '4.17.21',
      },
      {
        package: minimist,
        fixes: ['GHSA-xvch-5gv4-984h'],
        unfixed: [],
        fixedVersion: '1.2.6',
        fixedVersionSameMajor: '1.2.6',
        viaDirect: 'mkdirp@0.5.5',
      },
      {
        package: log4j,
        fixes: ['GHSA-jfh8-c2jp-5v3q'],
        unfixed: [],
        fixedVersion: '2.15.0',
        fixedVersionSameMajor: '2.15.0',
      },
      { package: babel, fixes: [], unfixed: ['GHSA-67hx-6x53-jw92'] },
    ],
    failOn: 'high',
  });
}

/**
 * A container image scan: Debian packages keyed by source package, an end-of-life release and
 * a Python package inside the image. Gate "critical".
 */
export function sampleImageReport(): ScanReport {
  const status = 'var/lib/dpkg/status';
  const layer = {
    index: 0,
    digest: 'sha256:bd0b7a3f8e4cc2f56ff69e2fea8c0e2d7d6e5c0e2b6b7c6e0f0a1b2c3d4e5f60',
    createdBy: '/bin/sh -c #(nop) ADD file:3d3ebe1ab6ea1ca0cbd3b4f2f8a5c1e9 in / ',
  };
  const libssl = makePackage({
    ecosystem: 'Debian:10',
    name: 'libssl1.1',
    version: '1.1.1n-0+deb10u3',
    purl: 'pkg:deb/debian/libssl1.1@1.1.1n-0%2Bdeb10u3?arch=amd64&distro=debian-10&upstream=openssl',
    locations: [{ path: status }],
    source: { name: 'openssl', version: '1.1.1n-0+deb10u3' },
    layer,
    extractor: 'debian/dpkg-status',
  });
  const zlib = makePackage({
    ecosystem: 'Debian:10',
    name: 'zlib1g',
    version: '1:1.2.11.dfsg-1+deb10u1',
    locations: [{ path: status }],
    source: { name: 'zlib', version: '1:1.2.11.dfsg-1+deb10u1' },
    layer,
    extractor: 'debian/dpkg-status',
  });
  const urllib3 = makePackage({
    ecosystem: 'PyPI',
    name: 'urllib3',
    version: '1.26.5',
    locations: [
      { path: 'usr/local/lib/python3.9/site-packages/urllib3-1.26.5.dist-info/METADATA' },
    ],
    layer: {
      index: 3,
      digest: 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef',
      createdBy: 'RUN pip install -r requirements.txt',
    },
    extractor: 'pypi/wheel-metadata',
  });
  const findings: Finding[] = [
    makeVulnerability({
      package: libssl,
      advisory: makeAdvisory({
        id: 'DSA-5343-1',
        aliases: ['CVE-2023-0286', 'CVE-2023-0215'],
        summary: 'openssl - security update',
        modified: '2023-02-07T00:00:00Z',
      }),
      severity: 'high',
      fixedVersions: ['1.1.1n-0+deb10u4'],
    }),
    makeVulnerability({
      package: zlib,
      advisory: makeAdvisory({
        id: 'DLA-3134-1',
        aliases: ['CVE-2022-37434'],
        summary: 'zlib - security update',
        modified: '2022-10-10T00:00:00Z',
      }),
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      fixedVersions: ['1:1.2.11.dfsg-1+deb10u2'],
    }),
    makeVulnerability({
      package: urllib3,
      advisory: makeAdvisory({
        id: 'GHSA-v845-jxx5-vc9f',
        aliases: ['CVE-2023-43804'],
        summary: "`Cookie` HTTP header isn't stripped on cross-origin redirects",
        modified: '2023-10-17T00:00:00Z',
      }),
      severity: 'CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N',
      fixedVersions: ['1.26.17', '2.0.6'],
    }),
    makeEndOfLife({
      distro: { id: 'debian', release: '10', eol: '2024-06-30' },
      location: { path: 'etc/os-release' },
    }),
  ];
  return makeReport({
    target: {
      path: 'registry.example.com/shop/api:1.4.2',
      kind: 'image',
      os: { id: 'debian', release: '10', prettyName: 'Debian GNU/Linux 10 (buster)' },
      image: {
        digest: 'sha256:3a4d8fbb6a7b57b8c5a9c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1',
        reference: 'registry.example.com/shop/api:1.4.2',
        platform: 'linux/amd64',
      },
    },
    scanners: ['os-packages', 'dependencies'],
    packages: [libssl, zlib, urllib3],
    findings,
    failOn: 'critical',
  });
}

/** The same scan with no findings: what `secflow sbom` renders. */
export function inventoryOnly(report: ScanReport): ScanReport {
  return makeReport({
    target: report.target,
    scanners: report.scanners,
    packages: report.packages,
    findings: [],
    notCheckable: report.notCheckable,
    warnings: report.warnings,
    gate: computeGate([], 'none'),
  });
}

/** Strings that break naive renderers: markup, terminal escapes, XML-illegal characters. */
export const HOSTILE = {
  ansi: '\u001b[31mRED\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  cdataEnd: 'before ]]> after',
  controls: 'nul\u0000 bell\u0007 vt\u000b ff\u000c esc\u001b del\u007f c1\u0085\u009b',
  html: '<script>alert(1)</script> <img src=x onerror=alert(2)> & "quotes" \'apos\'',
  markdown: '| pipe | `tick` *star* _under_ [link](https://evil.example) @octocat #1 ~~strike~~',
  unicode: 'ünïcödé 漢字テスト 🚨🔒 e\u0301 \u200b',
  loneSurrogate: 'half \ud83d pair',
  newlines: 'line one\nline two\r\nline three',
} as const;

/** A report whose every free-text field carries hostile content, and one huge title. */
export function hostileReport(): ScanReport {
  const everything = Object.values(HOSTILE).join(' ');
  const pkg = makePackage({
    ecosystem: 'npm',
    name: `evil-${HOSTILE.html.slice(0, 8)}`,
    version: '1.0.0',
    locations: [{ path: 'dir with space/#hash?query/package-lock.json', line: 3 }],
    direct: true,
  });
  const longVersion = makePackage({
    ecosystem: 'PyPI',
    name: 'x'.repeat(300),
    version: '1'.repeat(2000),
    locations: [{ path: 'requirements.txt' }],
  });
  const findings: Finding[] = [
    makeVulnerability({
      package: pkg,
      advisory: makeAdvisory({
        id: 'GHSA-xxxx-yyyy-zzzz',
        aliases: ['CVE-2099-0001'],
        summary: everything,
        details: `${everything}\n\n${'A'.repeat(100_000)}`,
        references: [
          { type: 'WEB', url: 'https://example.com/a b' },
          { type: 'WEB', url: 'javascript:alert(1)' },
        ],
      }),
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      fixedVersions: ['1.0.1'],
      title: everything,
    }),
    makeVulnerability({
      package: longVersion,
      advisory: makeAdvisory({ id: `PYSEC-${HOSTILE.controls}`, modified: 'not a date' }),
      severity: 'low',
      title: 'T'.repeat(50_000),
      suppressed: { by: 'inline', reason: everything },
    }),
    makeSecret({
      ruleId: 'generic-api-key',
      title: everything,
      location: { path: `secrets/${HOSTILE.unicode}.env`, line: 1 },
      redacted: `sk_l…${HOSTILE.cdataEnd}`,
    }),
    makeMisconfiguration({
      ruleId: 'gha/script-injection',
      title: everything,
      location: { path: '.github/workflows/x.yml', line: 2 },
      description: everything,
      remediation: everything,
      helpUri: 'not a uri',
    }),
  ];
  return makeReport({
    target: { path: `repo ${HOSTILE.unicode}`, kind: 'directory' },
    packages: [pkg, longVersion],
    findings,
    warnings: [{ path: HOSTILE.html, message: everything, code: 'parse-error' }],
    notCheckable: [{ path: 'package.json', entry: everything, reason: 'malformed' }],
  });
}
