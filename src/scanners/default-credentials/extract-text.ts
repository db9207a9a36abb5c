import type { ParsedConfig, Setting } from './setting.ts';

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0])) return v.slice(1, -1);
  return v;
}

/** Drops a ` # comment` after an unquoted value. */
function stripComment(value: string): string {
  const v = value.trim();
  if (v.startsWith('"') || v.startsWith("'")) return v;
  const hash = v.search(/\s#/);
  return hash === -1 ? v : v.slice(0, hash).trim();
}

/** `.env` files: KEY=VALUE, optional `export`, quotes and trailing comments. */
export function parseEnvFile(text: string): ParsedConfig {
  const settings: Setting[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (m === null) return;
    const key = m[1] as string;
    settings.push({
      key,
      path: key,
      value: unquote(stripComment(m[2] ?? '')),
      line: i + 1,
      group: '',
    });
  });
  return { settings, exposed: new Set() };
}

/** INI, .properties, .cnf: `[section]`, `key = value` or `key: value`; # ; ! comments. */
export function parseIniOrProperties(text: string): ParsedConfig {
  const settings: Setting[] = [];
  let section = '';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || /^[#;!]/.test(line)) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header !== null) {
      section = (header[1] as string).trim();
      return;
    }
    const m = /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (m === null) return;
    const key = (m[1] as string).trim();
    settings.push({
      key: key.split('.').pop() ?? key,
      path: section === '' ? key : `${section}.${key}`,
      value: unquote(stripComment(m[2] ?? '')),
      line: i + 1,
      group: section === '' ? key.split('.').slice(0, -1).join('.') : section,
    });
  });
  return { settings, exposed: new Set() };
}

/** Splits `A=1 B="two words"` as the shell would for ENV, honouring quotes. */
function envPairs(rest: string): [string, string][] {
  const pairs: [string, string][] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
    pairs.push([m[1] as string, unquote(m[2] ?? '')]);
  }
  return pairs;
}

/** Dockerfile ENV and ARG defaults, with line continuations joined. */
export function parseDockerfile(text: string): ParsedConfig {
  const settings: Setting[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let instruction = lines[i] as string;
    while (/\\\s*$/.test(instruction) && i + 1 < lines.length) {
      instruction = `${instruction.replace(/\\\s*$/, ' ')}${lines[++i] as string}`;
    }
    const m = /^\s*(ENV|ARG)\s+(.*)$/i.exec(instruction);
    if (m === null) continue;
    const rest = (m[2] as string).trim();
    const kind = (m[1] as string).toUpperCase();
    const pairs = rest.includes('=') ? envPairs(rest) : legacyEnv(rest);
    for (const [key, value] of pairs) {
      settings.push({ key, path: `${kind}.${key}`, value, line: start + 1, group: 'dockerfile' });
    }
  }
  return { settings, exposed: new Set() };
}

/** `ENV KEY value with spaces` (the legacy one-pair form). */
function legacyEnv(rest: string): [string, string][] {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/.exec(rest);
  return m === null ? [] : [[m[1] as string, unquote(m[2] as string)]];
}
