// Characters XML 1.0 cannot carry at all, even escaped: most C0 controls, U+FFFE/U+FFFF and
// unpaired surrogates. They are shown as a visible \uXXXX so the text survives in the report.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(ch: string): string {
  return `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text content: markup characters escaped, so "]]>" and "<script>" stay text. */
export function escapeText(text: string): string {
  return text
    .replace(NOT_XML, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Attribute values (double-quoted): also quotes, and whitespace that parsers would normalize. */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * An element as lines: escaped attributes and either text or child elements (each already a
 * list of lines). Only the lines' starts are indented, so multi-line text keeps its exact form.
 */
export function element(
  name: string,
  attributes: Readonly<Record<string, string | number | undefined>>,
  children?: readonly (readonly string[])[] | string,
): string[] {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
    .join('');
  if (children === undefined || children.length === 0) return [`<${name}${attrs}/>`];
  if (typeof children === 'string') {
    // A lone CR would be read back as LF; keep it as a reference.
    return [`<${name}${attrs}>${escapeText(children).replace(/\r/g, '&#13;')}</${name}>`];
  }
  return [`<${name}${attrs}>`, ...children.flat().map((line) => `  ${line}`), `</${name}>`];
}
