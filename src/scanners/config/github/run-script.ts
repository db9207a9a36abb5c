/** A physical line of a script as written in the file. */
export interface ScriptLine {
  readonly text: string;
  /** File offset of the line's first character. */
  readonly offset: number;
}

/** The file a line appends to, when it writes to one of the runner's command files. */
export type CommandFile = 'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_OUTPUT';

/** One write to a command file: the line doing it and the lines whose text is written. */
export interface CommandFileWrite {
  readonly file: CommandFile;
  readonly line: ScriptLine;
  readonly content: readonly ScriptLine[];
  /** The variable or output set (`NAME=…`, `NAME<<EOF`), when it can be read. */
  readonly name?: string;
}

const TARGET = /(?:\$\{?|\$env:|%)(GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT)\b/gi;
const REDIRECT = /(?:>>?|\btee\b|\bOut-File\b|\bAdd-Content\b|\bSet-Content\b)/gi;
/** How far before the command file a redirection may start (`>> "$GITHUB_ENV"`, `| tee -a …`). */
const REDIRECT_REACH = 256;

/**
 * The command file a line appends to and where the redirection starts, found from the
 * file name backwards so long lines cost linear time.
 */
function writeTarget(
  text: string,
): { readonly file: CommandFile; readonly index: number } | undefined {
  for (const m of text.matchAll(TARGET)) {
    const from = Math.max(0, m.index - REDIRECT_REACH);
    let index = -1;
    for (const r of text.slice(from, m.index).matchAll(REDIRECT)) index = from + r.index;
    if (index !== -1) return { file: (m[1] as string).toUpperCase() as CommandFile, index };
  }
  return undefined;
}
const HEREDOC = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/;
const ASSIGNED = /([A-Za-z_][A-Za-z0-9_-]*)(=|<<)/;

/** A shell heredoc (`<<EOF`, `<<-'EOF'`) outside quotes: its delimiter. */
function heredocDelimiter(text: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') i++;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '<' && text[i + 1] === '<') {
      const m = HEREDOC.exec(text.slice(i, i + 256));
      if (m !== null) return m[2];
      i++;
    }
  }
  return undefined;
}

export function splitLines(raw: string, offset: number): ScriptLine[] {
  const lines: ScriptLine[] = [];
  let start = 0;
  for (;;) {
    const nl = raw.indexOf('\n', start);
    lines.push({ text: raw.slice(start, nl === -1 ? undefined : nl), offset: offset + start });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

/** Text of a write line without the redirection into the command file. */
function payloadOf(text: string): string {
  const target = writeTarget(text);
  return target === undefined ? text : text.slice(0, target.index);
}

/**
 * Every write to GITHUB_ENV, GITHUB_PATH or GITHUB_OUTPUT in a script: single lines
 * (`echo "X=$Y" >> "$GITHUB_ENV"`), heredocs (`cat <<EOF >> $GITHUB_ENV`) and brace groups
 * (`{ …; } >> $GITHUB_OUTPUT`), with multi-line `NAME<<DELIM` values followed across lines.
 */
export function commandFileWrites(lines: readonly ScriptLine[]): CommandFileWrite[] {
  const writes: CommandFileWrite[] = [];
  const open = new Map<CommandFile, { name: string; delimiter: string }>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as ScriptLine;
    const target = writeTarget(line.text);
    if (target === undefined) continue;
    const file = target.file;
    let content: ScriptLine[] = [line];
    const delimiter = heredocDelimiter(line.text);
    if (delimiter !== undefined) {
      content = [];
      for (i++; i < lines.length && (lines[i] as ScriptLine).text.trim() !== delimiter; i++)
        content.push(lines[i] as ScriptLine);
    } else if (/^\s*\}/.test(line.text)) {
      const back: ScriptLine[] = [];
      for (let j = i - 1; j >= 0 && back.length < 200; j--) {
        const prev = lines[j] as ScriptLine;
        back.unshift(prev);
        if (/\{\s*$/.test(prev.text)) break;
      }
      content = back;
    }
    const payload = content.map((c) => (c === line ? payloadOf(c.text) : c.text)).join('\n');
    const pending = open.get(file);
    let name: string | undefined;
    if (pending !== undefined) {
      name = pending.name;
      if (payload.includes(pending.delimiter) && !payload.includes(`<<${pending.delimiter}`))
        open.delete(file);
    } else {
      const head = payload.slice(0, 4096);
      const assigned = ASSIGNED.exec(head.replace(/^\s*(?:echo|printf)\s+(?:-\w+\s+)*/, ''));
      name = assigned?.[1];
      if (assigned?.[2] === '<<' && name !== undefined) {
        const rest = payload.slice(payload.indexOf('<<') + 2);
        const delimiter = /^[A-Za-z0-9_]+/.exec(rest)?.[0];
        if (delimiter !== undefined && !rest.slice(delimiter.length).includes(delimiter))
          open.set(file, { name, delimiter });
      }
    }
    writes.push({ file, line, content, ...(name === undefined ? {} : { name }) });
  }
  return writes;
}

/** Shell variables a line expands: `$X`, `${X}`, PowerShell `$env:X`, cmd `%X%`. */
export function shellVariables(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(
    /\$\{?(?:env:)?([A-Za-z_][A-Za-z0-9_]*)|%([A-Za-z_][A-Za-z0-9_]*)%/g,
  ))
    names.push((m[1] ?? m[2]) as string);
  return names;
}

/** True when a line reads file contents or command output (what a downloaded artifact feeds). */
export function readsFileOrCommand(text: string): boolean {
  return /\$\(|`|\$\(<|\b(?:cat|jq|head|tail|yq|sed|awk|unzip)\b|(?<!<)<(?!<)\s*[^\s<]/.test(text);
}
