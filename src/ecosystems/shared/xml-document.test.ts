import { describe, expect, it } from 'vitest';
import { childElement, childText, parseXml } from './xml-document.ts';

describe('parseXml', () => {
  it('builds an element tree with local names, attributes, text and start lines', () => {
    const root = parseXml(
      'p.xml',
      `<?xml version="1.0" encoding="iso-8859-1"?>
<x:project xmlns:x="urn:x">
  <dependency
      scope="test">
    <version><![CDATA[1.0]]></version>
  </dependency>
</x:project>`,
      'test file',
    );
    expect(root.name).toBe('project');
    const dependency = childElement(root, 'dependency');
    expect(dependency?.line).toBe(3);
    expect(dependency?.attributes).toEqual({ scope: 'test' });
    expect(dependency === undefined ? undefined : childText(dependency, 'version')).toBe('1.0');
  });

  it.each([
    ['plain text', 'this is not xml', 'text data outside of root node'],
    ['an empty file', '', 'document must contain a root element'],
    ['a truncated file', '<project><a>', 'unclosed tag'],
    ['an undeclared entity', '<p>&xxe;</p>', 'undefined entity'],
    [
      'a DTD',
      '<!DOCTYPE p [<!ENTITY a "b">]><p>&a;</p>',
      'document type declarations (DTDs) are not accepted',
    ],
    [
      'deep nesting',
      `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`,
      'nested more than 256 levels deep',
    ],
  ])('refuses %s with one error naming the file', (_label, content, reason) => {
    expect(() => parseXml('dir/p.xml', content, 'test file')).toThrow(
      /^dir\/p\.xml: not a valid test file: /,
    );
    expect(() => parseXml('dir/p.xml', content, 'test file')).toThrow(reason);
  });
});
