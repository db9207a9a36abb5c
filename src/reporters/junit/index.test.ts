import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  computeGate,
  HOSTILE,
  hostileReport,
  sampleImageReport,
  sampleReport,
} from '../../../test/helpers/report-factory.ts';
import type { ScanReport } from '../../core/report.ts';
import { junitReporter } from './index.ts';
import { element, escapeAttribute, escapeText } from './xml.ts';

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parse with a strict, well-formedness-checking XML parser; throws on any XML error. */
function parse(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes as Record<string, string>)),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top !== undefined) top.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  const document = root.children[0];
  if (document === undefined) throw new Error('empty document');
  return document;
}

const render = (report: ScanReport, includeSuppressed = true) =>
  junitReporter.render(report, { color: false, includeSuppressed });

function suite(doc: XmlNode, name: string): XmlNode {
  const found = doc.children.find((s) => s.attributes.name === name);
  if (found === undefined) throw new Error(`no suite ${name}`);
  return found;
}

function testcase(s: XmlNode, name: string): XmlNode {
  const found = s.children.find((c) => c.attributes.name === name);
  if (found === undefined) throw new Error(`no testcase ${name}`);
  return found;
}

describe('junit reporter', () => {
  it('writes well-formed XML for every report, hostile text included', () => {
    for (const report of [sampleReport(), sampleImageReport(), hostileReport()]) {
      expect(() => parse(render(report))).not.toThrow();
    }
    expect(render(sampleReport()).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(
      true,
    );
  });

  it('has one suite per target file and one case per package', () => {
    const doc = parse(render(sampleReport()));
    expect(doc.name).toBe('testsuites');
    expect(doc.children.map((s) => s.attributes.name)).toEqual([
      '.github/workflows/ci.yml',
      'config/settings.py',
      'requirements.txt',
      'services/api/pom.xml',
      'tools/go.mod',
      'web/package-lock.json',
    ]);
    const web = suite(doc, 'web/package-lock.json');
    expect(web.children.map((c) => c.attributes.name)).toEqual([
      '@babel/traverse@7.23.2',
      'lodash@4.17.20',
      'minimist@1.2.5',
      'mkdirp@0.5.5',
    ]);
    expect(web.attributes).toMatchObject({ tests: '4', failures: '2', errors: '0' });
    // A package without findings is a passing test case.
    expect(testcase(web, 'mkdirp@0.5.5').children).toEqual([]);
    expect(doc.attributes).toMatchObject({ tests: '9', failures: '4', time: '3.250' });
  });

  it('fails a case once per finding at or above the gate, with message and details', () => {
    const lodash = testcase(
      suite(parse(render(sampleReport())), 'web/package-lock.json'),
      'lodash@4.17.20',
    );
    const failures = lodash.children.filter((c) => c.name === 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.attributes).toEqual({
      message: 'GHSA-35jh-r3h4-6jhm (CVE-2021-23337) [high]: Command Injection in lodash',
      type: 'high',
    });
    expect(failures[0]?.text).toContain('Fixed in: 4.17.21');
    // The medium finding is below the gate: reported, not failed.
    const out = lodash.children.find((c) => c.name === 'system-out');
    expect(out?.text).toContain('Below the gate: GHSA-29mw-wpgm-hmr9');
  });

  it('never fails on suppressed findings or when the gate is off', () => {
    const doc = parse(render(sampleReport()));
    const django = testcase(suite(doc, 'requirements.txt'), 'django@3.2.18');
    expect(django.children.map((c) => c.name)).toEqual(['system-out']);
    expect(django.children[0]?.text).toMatch(/^Suppressed \(vex: VEX vex\/openvex\.json/);
    const off = { ...sampleReport(), gate: computeGate(sampleReport().findings, 'none') };
    expect(parse(render(off)).attributes.failures).toBe('0');
  });

  it('keeps hostile text intact as text, showing only XML-illegal characters as escapes', () => {
    const doc = parse(render(hostileReport()));
    const npmSuite = suite(doc, 'dir with space/#hash?query/package-lock.json');
    const failure = npmSuite.children[0]?.children.find((c) => c.name === 'failure');
    const message = failure?.attributes.message ?? '';
    expect(message).toContain(HOSTILE.cdataEnd);
    expect(message).toContain(HOSTILE.html);
    expect(message).toContain(HOSTILE.unicode);
    expect(message).toContain(HOSTILE.newlines);
    expect(message).toContain('nul\\u0000 bell\\u0007 vt\\u000B ff\\u000C esc\\u001B');
    expect(message).toContain('half \\uD83D pair');
    expect(failure?.text).toContain('Summary: ');
  });

  it('escapes text and attributes', () => {
    expect(escapeText('a]]>b<c&d')).toBe('a]]&gt;b&lt;c&amp;d');
    expect(escapeAttribute('"q" \'a\'\n\t')).toBe('&quot;q&quot; &apos;a&apos;&#10;&#9;');
    expect(escapeText('\u0001\ufffe\ud800')).toBe('\\u0001\\uFFFE\\uD800');
    expect(escapeText('😀 ok')).toBe('😀 ok');
    expect(element('x', { a: 'b"', skip: undefined }, 'line\r\nnext')).toEqual([
      '<x a="b&quot;">line&#13;\nnext</x>',
    ]);
  });
});
