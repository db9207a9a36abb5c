import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  makeAdvisory,
  makePackage,
  makeVulnerability,
  sampleReport,
} from '../../test/helpers/report-factory.ts';
import { isSecflowError } from '../core/errors.ts';
import type { Finding, VulnerabilityFinding } from '../core/finding.ts';
import { applyVex, readVex } from './index.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** The sample scan's findings before any suppression was applied. */
function unsuppressed(): Finding[] {
  return sampleReport().findings.map((f) => {
    const { suppressed: _drop, ...rest } = f;
    return rest as Finding;
  });
}

function suppressionOf(findings: readonly Finding[], ruleId: string) {
  return findings.find((f) => f.ruleId === ruleId)?.suppressed;
}

describe('readVex', () => {
  it('reads OpenVEX v0.2.0 statements, taking subcomponents as the products', () => {
    const statements = readVex('vex/shop.openvex.json', fixture('shop.openvex.json'));
    expect(statements).toHaveLength(7);
    expect(statements[0]).toEqual({
      vulnerability: 'CVE-2023-36053',
      aliases: ['https://nvd.nist.gov/vuln/detail/CVE-2023-36053'],
      products: ['pkg:pypi/django'],
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: 'EmailValidator and URLValidator are never fed user input.',
      timestamp: '2024-06-01T09:00:00Z',
      source: 'vex/shop.openvex.json',
    });
    expect(statements[1]).toMatchObject({
      vulnerability: 'GHSA-35jh-r3h4-6jhm',
      aliases: ['CVE-2021-23337'],
      products: ['pkg:npm/lodash@4.17.20'],
    });
    expect(statements[2]).toMatchObject({
      status: 'fixed',
      products: ['pkg:npm/minimist@1.2.5'],
      impactStatement: 'Patched in our vendored copy (backport of minimist#24).',
    });
  });

  it('reads the pre-0.2 OpenVEX form with string vulnerabilities and products', () => {
    expect(readVex('old.json', fixture('legacy-v0.0.2.openvex.json'))).toEqual([
      {
        vulnerability: 'CVE-2023-1255',
        products: [
          'pkg:apk/wolfi/libcrypto3@3.0.8-r2?arch=x86_64',
          'pkg:apk/wolfi/libssl3@3.0.8-r2',
        ],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impactStatement: 'The vulnerable AES-XTS code is only reachable on 64-bit ARM.',
        timestamp: '2023-01-08T18:02:03.647787998-06:00',
        source: 'old.json',
      },
    ]);
  });

  it('reads CycloneDX VEX, resolving BOM-Links, bom-refs and exact versions', () => {
    const statements = readVex('vex.cdx.json', fixture('shop.vex.cdx.json'));
    const byId = new Map(statements.map((s) => [s.vulnerability, s]));
    expect(byId.get('CVE-2021-44228')).toMatchObject({
      status: 'not_affected',
      justification: 'code_not_reachable',
      products: ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar'],
      timestamp: '2024-06-02T10:00:00Z',
    });
    expect(byId.get('GHSA-xvch-5gv4-984h')).toMatchObject({
      status: 'fixed',
      products: ['pkg:npm/minimist@1.2.5'],
    });
    expect(byId.get('CVE-2020-28500')).toMatchObject({
      status: 'not_affected',
      justification: 'false_positive',
      products: ['pkg:npm/lodash@4.17.20'],
    });
    expect(byId.get('GO-2022-1059')?.status).toBe('affected');
    expect(byId.get('GHSA-67hx-6x53-jw92')?.products).toEqual([
      'pkg:npm/%40babel/traverse@7.23.2',
      'pkg:npm/%40babel/traverse@7.23.1',
    ]);
    // A vers range is not evaluated, so that statement covers nothing rather than everything.
    expect(byId.has('CVE-2023-36053')).toBe(false);
  });

  it('rejects documents that are neither format', () => {
    for (const [content, message] of [
      ['{nope', /not valid JSON/],
      ['{"statements": []}', /neither OpenVEX nor CycloneDX VEX/],
      ['{"@context": "https://openvex.dev/ns/v0.2.0"}', /no "statements" array/],
    ] as const) {
      const error = (() => {
        try {
          readVex('vex.json', content);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(isSecflowError(error) && error.code === 'input').toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('skips malformed statements instead of failing the document', () => {
    const doc = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [
        null,
        { vulnerability: {}, products: ['pkg:npm/a'], status: 'not_affected' },
        { vulnerability: 'CVE-1', products: [], status: 'not_affected' },
        { vulnerability: 'CVE-2', products: ['pkg:npm/a'], status: 'maybe' },
        { vulnerability: 'CVE-3', products: [{ '@id': 'pkg:npm/a' }], status: 'fixed' },
      ],
    };
    expect(readVex('v.json', JSON.stringify(doc)).map((s) => s.vulnerability)).toEqual(['CVE-3']);
  });
});

describe('applyVex', () => {
  it('suppresses not_affected and fixed findings matched by alias or id and by product', () => {
    const statements = readVex('vex/shop.openvex.json', fixture('shop.openvex.json'));
    const result = applyVex(unsuppressed(), statements);
    // PYSEC-2023-100 is named CVE-2023-36053 in the VEX: matched through the finding's alias.
    expect(suppressionOf(result, 'PYSEC-2023-100')).toEqual({
      by: 'vex',
      reason:
        'VEX vex/shop.openvex.json: not_affected: EmailValidator and URLValidator are never fed user input.',
      justification: 'vulnerable_code_not_in_execute_path',
    });
    expect(suppressionOf(result, 'GHSA-35jh-r3h4-6jhm')?.justification).toBe(
      'inline_mitigations_already_exist',
    );
    expect(suppressionOf(result, 'GHSA-xvch-5gv4-984h')).toEqual({
      by: 'vex',
      reason:
        'VEX vex/shop.openvex.json: fixed: Patched in our vendored copy (backport of minimist#24).',
      justification: 'fixed',
    });
    // Go purls carry a "v" the package version does not.
    expect(suppressionOf(result, 'GO-2022-1059')?.justification).toBe(
      'vulnerable_code_not_present',
    );
  });

  it('lets the latest statement win and ignores affected and under_investigation', () => {
    const result = applyVex(unsuppressed(), readVex('v.json', fixture('shop.openvex.json')));
    expect(suppressionOf(result, 'GHSA-jfh8-c2jp-5v3q')).toBeUndefined();
    expect(suppressionOf(result, 'GHSA-29mw-wpgm-hmr9')).toBeUndefined();
    const reversed = readVex('v.json', fixture('shop.openvex.json')).map((s) =>
      s.vulnerability === 'CVE-2021-44228' && s.status === 'affected'
        ? { ...s, timestamp: '2024-04-01T00:00:00Z' }
        : s,
    );
    expect(suppressionOf(applyVex(unsuppressed(), reversed), 'GHSA-jfh8-c2jp-5v3q')?.by).toBe(
      'vex',
    );
  });

  it('applies CycloneDX VEX the same way', () => {
    const result = applyVex(unsuppressed(), readVex('vex.cdx.json', fixture('shop.vex.cdx.json')));
    expect(suppressionOf(result, 'GHSA-jfh8-c2jp-5v3q')?.justification).toBe('code_not_reachable');
    expect(suppressionOf(result, 'GHSA-29mw-wpgm-hmr9')?.justification).toBe('false_positive');
    expect(suppressionOf(result, 'GHSA-xvch-5gv4-984h')?.justification).toBe('fixed');
    expect(suppressionOf(result, 'GHSA-67hx-6x53-jw92')?.justification).toBe('code_not_present');
    expect(suppressionOf(result, 'GO-2022-1059')).toBeUndefined();
    expect(suppressionOf(result, 'PYSEC-2023-100')).toBeUndefined();
  });

  it('matches products by purl with or without version and qualifiers, and by name', () => {
    const pkg = makePackage({
      ecosystem: 'Debian:12',
      name: 'libssl3',
      version: '3.0.11-1~deb12u2',
      purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12',
    });
    const finding = makeVulnerability({
      package: pkg,
      advisory: makeAdvisory({ id: 'DSA-5532-1', aliases: ['CVE-2023-5363'] }),
      severity: 'high',
    });
    const statement = (product: string) => ({
      vulnerability: 'CVE-2023-5363',
      products: [product],
      status: 'not_affected' as const,
      source: 'v.json',
    });
    const covered = (product: string) =>
      (applyVex([finding], [statement(product)])[0] as VulnerabilityFinding).suppressed !==
      undefined;
    expect(covered('pkg:deb/debian/libssl3')).toBe(true);
    expect(covered('pkg:deb/debian/libssl3@3.0.11-1~deb12u2')).toBe(true);
    expect(covered('pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64')).toBe(true);
    expect(covered('pkg:deb/debian/LIBSSL3?distro=debian-12')).toBe(true);
    expect(covered('pkg:deb/debian/libssl3?arch=arm64')).toBe(false);
    expect(covered('pkg:deb/debian/libssl3@3.0.11-1~deb12u1')).toBe(false);
    expect(covered('pkg:deb/ubuntu/libssl3')).toBe(false);
    expect(covered('pkg:rpm/debian/libssl3')).toBe(false);
    expect(covered('libssl3')).toBe(true);
    expect(covered('libssl3@3.0.11-1~deb12u2')).toBe(true);
    expect(covered('libssl3@1.0')).toBe(false);
    expect(covered('pkg:::garbage')).toBe(false);
  });

  it('builds the package purl when the extractor recorded none', () => {
    const pkg = makePackage({ ecosystem: 'PyPI', name: 'Django', version: '3.2.18' });
    const finding = makeVulnerability({
      package: pkg,
      advisory: makeAdvisory({ id: 'PYSEC-2023-100' }),
    });
    const [result] = applyVex(
      [finding],
      [
        {
          vulnerability: 'pysec-2023-100',
          products: ['pkg:pypi/django@3.2.18'],
          status: 'fixed',
          source: 'v',
        },
      ],
    );
    expect(result?.suppressed?.justification).toBe('fixed');
  });

  it('leaves other kinds of findings and existing suppressions alone', () => {
    const findings = sampleReport().findings;
    const statements = [
      {
        vulnerability: 'GO-2022-1059',
        products: ['golang.org/x/text'],
        status: 'not_affected' as const,
        source: 'v',
      },
      {
        vulnerability: 'aws-access-key-id',
        products: ['config/settings.py'],
        status: 'not_affected' as const,
        source: 'v',
      },
    ];
    const result = applyVex(findings, statements);
    expect(suppressionOf(result, 'GO-2022-1059')?.by).toBe('ignore');
    expect(result.find((f) => f.kind === 'secret')).toBe(findings.find((f) => f.kind === 'secret'));
    expect(result).toHaveLength(findings.length);
  });
});
