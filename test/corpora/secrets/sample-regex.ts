/**
 * Produces a random string matching a token format written in the RE2 subset our rules use for
 * token bodies and assignment values: literals, escapes, classes, groups, alternation and
 * bounded quantifiers. Used to generate realistic tokens for every rule's documented format.
 */
type Node =
  | { t: 'lit'; s: string }
  | { t: 'set'; chars: string }
  | { t: 'alt'; options: Node[][] }
  | { t: 'rep'; node: Node; min: number; max: number };

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const WORD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';

function classChars(body: string): string {
  let negate = false;
  let i = 0;
  if (body[0] === '^') {
    negate = true;
    i = 1;
  }
  const out = new Set<string>();
  const single = (): string[] => {
    const c = body[i++] as string;
    if (c !== '\\') return [c];
    const e = body[i++] as string;
    if (e === 'd') return [...'0123456789'];
    if (e === 'w') return [...WORD];
    if (e === 's') return [' '];
    if (e === 'x') {
      const h = body.slice(i, i + 2);
      i += 2;
      return [String.fromCharCode(Number.parseInt(h, 16))];
    }
    return [e];
  };
  while (i < body.length) {
    const first = single();
    if (first.length === 1 && body[i] === '-' && i + 1 < body.length) {
      i++;
      const last = single()[0] as string;
      for (let c = (first[0] as string).charCodeAt(0); c <= last.charCodeAt(0); c++) out.add(String.fromCharCode(c));
    } else {
      for (const c of first) out.add(c);
    }
  }
  if (!negate) return [...out].join('');
  return [...PRINTABLE].filter((c) => !out.has(c) && c !== ' ' && c !== '"' && c !== "'").join('');
}

function parse(src: string): Node[] {
  let i = 0;
  let insensitive = false;
  const seq = (): Node[][] => {
    const options: Node[][] = [[]];
    while (i < src.length && src[i] !== ')') {
      const c = src[i] as string;
      if (c === '|') {
        options.push([]);
        i++;
        continue;
      }
      let node: Node | undefined;
      if (c === '(') {
        i++;
        if (src.startsWith('?i)', i)) {
          insensitive = true;
          i += 3;
          continue;
        }
        if (src[i] === '?') {
          const close = src.indexOf(':', i);
          i = close + 1;
        }
        const inner = seq();
        i++; // ')'
        node = { t: 'alt', options: inner };
      } else if (c === '[') {
        let j = i + 1;
        if (src[j] === '^') j++;
        if (src[j] === ']') j++;
        while (src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
        node = { t: 'set', chars: classChars(src.slice(i + 1, j)) };
        i = j + 1;
      } else if (c === '\\') {
        const e = src[i + 1] as string;
        i += 2;
        if (e === 'b' || e === 'z' || e === 'A') continue;
        if (e === 'd') node = { t: 'set', chars: '0123456789' };
        else if (e === 'w') node = { t: 'set', chars: WORD };
        else if (e === 's') node = { t: 'lit', s: ' ' };
        else node = { t: 'lit', s: e };
      } else if (c === '^' || c === '$') {
        i++;
        continue;
      } else if (c === '.') {
        node = { t: 'set', chars: WORD };
        i++;
      } else {
        node = { t: 'lit', s: c };
        i++;
      }
      const q = /^(?:\{(\d+)(?:(,)(\d*))?\}|\?|\*|\+)\??/.exec(src.slice(i));
      if (q !== null) {
        i += q[0].length;
        const min = q[1] !== undefined ? Number(q[1]) : q[0][0] === '+' ? 1 : 0;
        const max =
          q[1] !== undefined ? (q[2] === undefined ? min : q[3] ? Number(q[3]) : min + 8) : q[0][0] === '?' ? 1 : min + 8;
        node = { t: 'rep', node, min, max };
      }
      (options[options.length - 1] as Node[]).push(node);
    }
    return options;
  };
  const top = seq();
  void insensitive;
  return [{ t: 'alt', options: top }];
}

export function sampleRegex(src: string, random: () => number): string {
  const gen = (n: Node): string => {
    switch (n.t) {
      case 'lit':
        return n.s;
      case 'set':
        return n.chars[Math.floor(random() * n.chars.length)] ?? '';
      case 'alt': {
        const option = n.options[Math.floor(random() * n.options.length)] ?? [];
        return option.map(gen).join('');
      }
      case 'rep': {
        const count = n.min + Math.floor(random() * (Math.min(n.max, n.min + 60) - n.min + 1));
        let s = '';
        for (let k = 0; k < count; k++) s += gen(n.node);
        return s;
      }
    }
  };
  return parse(src).map(gen).join('');
}
