import { SaxesParser } from 'saxes';
import { assertText, invalidInput, stripBom } from './text-input.ts';

/** Deeper than any real project file; bounds memory and work on hostile input. */
const MAX_DEPTH = 256;

/** One element of a parsed XML document, with the line its start tag opens on. */
export interface XmlElement {
  /** The local name, without a namespace prefix. */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Text directly inside the element (not its children), untrimmed. */
  text: string;
  readonly line: number;
}

/**
 * Parses an XML manifest into a small element tree. saxes is a streaming, non-recursive parser
 * that never expands entities beyond the five predefined ones; a document type declaration is
 * refused outright, so entity bombs and external entities never get a chance to be read.
 */
export function parseXml(path: string, content: string, format: string): XmlElement {
  assertText(path, content, format);
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let startLine = 1;
  let failure: string | undefined;
  parser.on('error', (error) => {
    failure ??= error.message;
  });
  parser.on('doctype', () => {
    failure ??= `${parser.line}: document type declarations (DTDs) are not accepted`;
  });
  parser.on('opentagstart', () => {
    // The event fires after the character that ends the name; a newline there has already
    // moved the parser to the next line.
    startLine = parser.column === 0 ? parser.line - 1 : parser.line;
  });
  parser.on('opentag', (tag) => {
    if (failure !== undefined) return;
    if (stack.length >= MAX_DEPTH) {
      failure = `${parser.line}: elements nested more than ${MAX_DEPTH} levels deep`;
      return;
    }
    const element: XmlElement = {
      name: localName(tag.name),
      attributes: plainAttributes(tag.attributes),
      children: [],
      text: '',
      line: startLine,
    };
    const parent = stack.at(-1);
    if (parent === undefined) root ??= element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const appendText = (text: string) => {
    const current = stack.at(-1);
    if (current !== undefined) current.text += text;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  try {
    parser.write(stripBom(content));
    if (failure === undefined) parser.close();
  } catch (cause) {
    failure ??= cause instanceof Error ? cause.message : String(cause);
  }
  if (failure !== undefined) throw invalidInput(path, format, failure);
  if (root === undefined) throw invalidInput(path, format, 'no root element');
  return root;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function plainAttributes(attributes: Record<string, unknown>): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string') plain[localName(key)] = value;
  }
  return plain;
}

/** Child elements with the given local name, in document order. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** The trimmed text of the first child with that name; undefined when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  return childElement(element, name)?.text.trim();
}
