import { parse as parseToml } from 'smol-toml';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { LineIndex } from '../../ecosystems/shared/line-index.ts';
import type { ParsedConfig, Setting } from './setting.ts';

/** Deeper nesting than any real configuration: the rest is ignored, not recursed into. */
const MAX_DEPTH = 48;
const ENV_ITEM = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s;

interface Walk {
  readonly settings: Setting[];
  readonly line: (offset: number | undefined) => number | undefined;
  readonly service?: string;
  /** Kubernetes Secret `data`: values are base64. */
  readonly base64?: boolean;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : undefined;
}

function decodeBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return /^[\x20-\x7e]*$/.test(decoded) ? decoded : undefined;
}

function push(w: Walk, key: string, path: string, value: string, group: string, offset?: number) {
  const v = w.base64 ? decodeBase64(value) : value;
  if (v === undefined) return;
  const line = w.line(offset);
  w.settings.push({
    key,
    path,
    value: v,
    group,
    ...(line === undefined ? {} : { line }),
    ...(w.service === undefined ? {} : { service: w.service }),
  });
}

/** Walks YAML nodes (aliases are not followed, so alias bombs cost nothing). */
function walkYaml(node: Node | null | undefined, path: string, w: Walk, depth: number): void {
  if (node === null || node === undefined || depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = scalarText(pair.key);
      if (key === undefined) continue;
      const childPath = path === '' ? key : `${path}.${key}`;
      const value = pair.value as Node | null;
      const text = scalarText(value);
      if (text !== undefined) {
        push(w, key, childPath, text, path, (value as { range?: number[] }).range?.[0]);
      } else {
        walkYaml(value, childPath, w, depth + 1);
      }
    }
    return;
  }
  if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      const text = scalarText(item);
      const env = text === undefined ? null : ENV_ITEM.exec(text);
      if (env !== null) {
        // Compose `environment:` / `args:` lists: "KEY=value".
        const key = env[1] as string;
        push(
          w,
          key,
          `${path}.${key}`,
          env[2] as string,
          path,
          (item as { range?: number[] }).range?.[0],
        );
        return;
      }
      if (isMap(item)) {
        const name = scalarText(item.get('name', true));
        const value = item.get('value', true);
        const valueText = scalarText(value);
        if (name !== undefined && valueText !== undefined) {
          // Kubernetes container env: {name: KEY, value: "…"}.
          push(
            w,
            name,
            `${path}.${name}`,
            valueText,
            path,
            (value as { range?: number[] }).range?.[0],
          );
          return;
        }
      }
      walkYaml(item as Node, itemPath, w, depth + 1);
    });
  }
}

/**
 * YAML, multi-document: compose files (services, `ports:` exposure), Kubernetes manifests
 * (container env, Secret data decoded from base64 and stringData, Service/Ingress exposure),
 * Helm values and any other YAML as a tree of keys.
 */
export function parseYamlConfig(text: string): ParsedConfig {
  const counter = new LineCounter();
  const settings: Setting[] = [];
  const exposed = new Set<string>();
  const line = (offset: number | undefined) =>
    offset === undefined ? undefined : counter.linePos(offset).line;
  let error: string | undefined;
  const docs = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false });
  for (const doc of Array.isArray(docs) ? docs : []) {
    if (doc.errors.length > 0) {
      error ??= doc.errors[0]?.message.split('\n')[0];
      continue;
    }
    const root = doc.contents;
    if (!isMap(root)) {
      walkYaml(root, '', { settings, line }, 0);
      continue;
    }
    const kind = scalarText(root.get('kind', true));
    const serviceType = root.getIn(['spec', 'type']);
    const published =
      kind === 'Ingress' ||
      (kind === 'Service' && (serviceType === 'LoadBalancer' || serviceType === 'NodePort'));
    if (published) exposed.add('*');
    const services = root.get('services', true);
    if (isMap(services)) {
      for (const pair of services.items) {
        const name = scalarText(pair.key);
        if (name === undefined) continue;
        const service = pair.value as Node;
        if (isMap(service)) {
          const ports = service.get('ports', true);
          if (isSeq(ports) && ports.items.length > 0) exposed.add(name);
        }
        walkYaml(service, `services.${name}`, { settings, line, service: name }, 1);
      }
      continue;
    }
    if (kind === 'Secret') {
      const metaName = scalarText(root.getIn(['metadata', 'name'], true) as Node);
      const base = { settings, line, ...(metaName === undefined ? {} : { service: metaName }) };
      walkYaml(root.get('data', true) as Node, 'data', { ...base, base64: true }, 1);
      walkYaml(root.get('stringData', true) as Node, 'stringData', base, 1);
      continue;
    }
    walkYaml(root, '', { settings, line }, 0);
  }
  return { settings, exposed, ...(error === undefined ? {} : { error }) };
}

/**
 * Lines of keys in formats whose parsers give no positions. The walk meets keys in document order,
 * so each needle (`"key"`, `key =`) is searched from the last hit onwards, falling back to after
 * its own previous hit for keys met out of order (integer-like keys come first in JS objects).
 * Searching costs at most a few passes over the text in all: past that budget (a hostile file
 * whose keys never appear literally) lines are left unknown rather than searched for again.
 */
function keyLines(text: string): (needles: readonly string[]) => number | undefined {
  const cursor = new Map<string, number>();
  let lastHit = 0;
  let budget = 8 * text.length + 65_536;
  let index: LineIndex | undefined;
  const lineAt = (at: number): number => {
    index ??= new LineIndex(text);
    return index.lineAt(at);
  };
  const find = (needle: string, from: number): number => {
    if (budget <= 0) return -1;
    const at = text.indexOf(needle, from);
    budget -= (at === -1 ? text.length : at) - from;
    return at;
  };
  return (needles) => {
    for (const needle of needles) {
      const own = cursor.get(needle) ?? 0;
      let at = find(needle, Math.max(own, lastHit));
      if (at === -1 && own < lastHit) at = find(needle, own);
      if (at === -1) continue;
      cursor.set(needle, at + needle.length);
      lastHit = Math.max(lastHit, at + needle.length);
      return lineAt(at);
    }
    return undefined;
  };
}

function walkObject(
  value: unknown,
  path: string,
  out: Setting[],
  lineOf: (key: string, value: string, inArray: boolean, path: string) => number | undefined,
  depth: number,
): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries) {
    const childPath = path === '' ? key : Array.isArray(value) ? `${path}${key}` : `${path}.${key}`;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      const line = lineOf(key, String(v), Array.isArray(value), childPath);
      out.push({
        key,
        path: childPath,
        value: String(v),
        group: path,
        ...(line === undefined ? {} : { line }),
      });
    } else {
      walkObject(v, childPath, out, lineOf, depth + 1);
    }
  }
}

export function parseJsonConfig(text: string): ParsedConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { settings: [], exposed: new Set(), error: (error as Error).message };
  }
  const settings: Setting[] = [];
  const lines = jsonLines(text);
  walkObject(data, '', settings, (_key, _value, _inArray, path) => lines.get(path), 0);
  return { settings, exposed: new Set() };
}

/** One open object or array while tokenizing: its path as walkObject spells it. */
type JsonFrame =
  | { readonly kind: 'object'; readonly path: string; key: string | undefined }
  | { readonly kind: 'array'; readonly path: string; index: number; expecting: boolean };

const memberPath = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

/**
 * The line of every member and array element of a (valid) JSON text, by the path walkObject
 * gives it: one pass over the tokens, so lines stay exact whatever order the walk takes (JS puts
 * integer-like keys first) and a file with 100k keys costs one scan. A duplicate key keeps its
 * last line, as JSON.parse keeps its last value.
 */
function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: JsonFrame[] = [];
  const n = text.length;
  let line = 1;
  // Where the next value goes: the open object's current key, or the array's next index.
  const valuePath = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return '';
    return top.kind === 'object'
      ? memberPath(top.path, top.key ?? '')
      : `${top.path}[${top.index}]`;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (isJsonSpace(c)) continue;
    const top = stack[stack.length - 1];
    if (top?.kind === 'array') {
      if (c === 44) {
        top.index++;
        top.expecting = true;
        continue;
      }
      if (c !== 93 && top.expecting) {
        lines.set(valuePath(), line);
        top.expecting = false;
      }
    }
    if (c === 123) stack.push({ kind: 'object', path: valuePath(), key: undefined });
    else if (c === 91) stack.push({ kind: 'array', path: valuePath(), index: 0, expecting: true });
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 34) {
      // JSON forbids raw newlines inside strings: the line stays the same to the string's end.
      let end = i + 1;
      let escaped = false;
      for (; end < n; end++) {
        const d = text.charCodeAt(end);
        if (d === 92) {
          escaped = true;
          end++;
        } else if (d === 34) break;
      }
      let next = end + 1;
      while (next < n && isJsonSpace(text.charCodeAt(next))) next++;
      if (top?.kind === 'object' && text.charCodeAt(next) === 58) {
        const raw = text.slice(i, end + 1);
        top.key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        lines.set(memberPath(top.path, top.key), line);
      }
      i = end;
    }
  }
  return lines;
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

export function parseTomlConfig(text: string): ParsedConfig {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (error) {
    return {
      settings: [],
      exposed: new Set(),
      error: (error as Error).message.split('\n')[0] ?? '',
    };
  }
  const settings: Setting[] = [];
  const lineOf = keyLines(text);
  walkObject(
    data,
    '',
    settings,
    (key, value, inArray) => lineOf(inArray ? [JSON.stringify(value)] : [`${key} =`, `${key}=`]),
    0,
  );
  return { settings, exposed: new Set() };
}
