import { spawn } from 'node:child_process';
import type { Progress } from '../../cli/progress.ts';
import { SecflowError } from '../../core/errors.ts';
import type { ScanWarning } from '../../core/report.ts';
import type { CommitInfo, SecretFindingCollector } from './collect.ts';
import type { SecretEngine } from './engine.ts';
import { isInlineAllowed } from './inline-allow.ts';
import { LineIndex } from './line-index.ts';

/** Longest diff line kept; the rest of a longer line is dropped with a warning. */
export const MAX_DIFF_LINE_BYTES = 1024 * 1024;
/** Added text buffered per file before it is scanned. */
const FLUSH_CHARS = 1024 * 1024;

const COMMIT_MARK = 0x01;
const FIELD_SEP = '\x02';

export interface HistoryScanOptions {
  /** Directory inside a git work tree; history is limited to paths under it. */
  readonly root: string;
  readonly engine: SecretEngine;
  readonly collector: SecretFindingCollector;
  readonly onWarning: (w: ScanWarning) => void;
  readonly progress?: Progress;
  readonly signal?: AbortSignal;
}

export interface HistoryScanStats {
  readonly commits: number;
  readonly bytes: number;
}

/** The one git process: every commit on every ref, as zero-context patches, oldest-last. */
export function gitLogArgs(): string[] {
  return [
    '-c',
    'core.quotepath=false',
    'log',
    '--all',
    '--no-merges',
    '--date-order',
    '-p',
    '-U0',
    '-M',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--diff-filter=d',
    '--relative',
    '--format=%x01%H%x02%aI%x02%an <%ae>',
    '--',
    '.',
  ];
}

/**
 * Scans the lines every commit added, from one streamed `git log -p` parsed incrementally:
 * memory stays bounded by one file's added text (flushed at 1 MiB) and one line (1 MiB).
 * Findings carry the commit; the collector keeps the oldest commit per secret and file.
 */
export async function scanGitHistory(options: HistoryScanOptions): Promise<HistoryScanStats> {
  const parser = new DiffParser(options);
  const child = spawn('git', gitLogArgs(), {
    cwd: options.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 4096) stderr += s;
  });
  const exit = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  options.progress?.start('git history', undefined);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) parser.push(chunk);
    parser.end();
  } catch (error) {
    child.kill();
    await exit.catch(() => undefined);
    throw error;
  }
  let code: number;
  try {
    code = await exit;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SecflowError(
      'input',
      missing
        ? 'git is not installed: --git-history needs it'
        : `git log failed: ${(error as Error).message}`,
      { cause: error, hint: 'Install git, or scan without --git-history.' },
    );
  }
  if (code !== 0) {
    const notRepo = /not a git repository/i.test(stderr);
    throw new SecflowError(
      'input',
      notRepo
        ? `${options.root}: not a git repository, so there is no history to scan`
        : `${options.root}: git log failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`,
      {
        hint: notRepo
          ? 'Scan a git work tree, or drop --git-history.'
          : 'Run `git log` there to see why.',
      },
    );
  }
  options.progress?.done(`git history: ${parser.commits} commits`);
  return { commits: parser.commits, bytes: parser.bytes };
}

/** Incremental parser of `git log -p -U0` output into added lines per (commit, file). */
export class DiffParser {
  commits = 0;
  bytes = 0;
  readonly #o: Omit<HistoryScanOptions, 'root'>;
  #pending: Buffer[] = [];
  #pendingLength = 0;
  #dropping = false;
  #commit: CommitInfo | undefined;
  #path: string | undefined;
  #skipFile = false;
  #newLine = 0;
  #oldLeft = 0;
  #newLeft = 0;
  #lines: string[] = [];
  #lineNumbers: number[] = [];
  #chars = 0;

  constructor(options: Omit<HistoryScanOptions, 'root'>) {
    this.#o = options;
  }

  /** Feeds raw bytes; complete lines are parsed at once. */
  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.#takePiece(chunk.subarray(start, nl));
      this.#endLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.#takePiece(chunk.subarray(start));
  }

  end(): void {
    if (this.#pendingLength > 0 || this.#dropping) this.#endLine();
    this.#flush();
  }

  #takePiece(piece: Buffer): void {
    if (this.#dropping) return;
    if (this.#pendingLength + piece.length > MAX_DIFF_LINE_BYTES) {
      const room = MAX_DIFF_LINE_BYTES - this.#pendingLength;
      this.#pending.push(piece.subarray(0, room));
      this.#pendingLength += room;
      this.#dropping = true;
      this.#o.onWarning({
        path: this.#path ?? '.',
        code: 'line-too-long',
        message: `a line added in commit ${this.#commit?.sha.slice(0, 12) ?? '?'} is longer than ${MAX_DIFF_LINE_BYTES} bytes; only its first ${MAX_DIFF_LINE_BYTES} bytes were scanned`,
      });
      return;
    }
    this.#pending.push(piece);
    this.#pendingLength += piece.length;
  }

  #endLine(): void {
    const line =
      this.#pending.length === 1
        ? (this.#pending[0] as Buffer)
        : Buffer.concat(this.#pending, this.#pendingLength);
    this.#pending = [];
    this.#pendingLength = 0;
    this.#dropping = false;
    this.#line(line);
  }

  #line(line: Buffer): void {
    const first = line[0];
    if (this.#oldLeft > 0 || this.#newLeft > 0) {
      if (first === 0x2b /* + */) {
        this.#newLeft--;
        if (!this.#skipFile) this.#added(line.toString('utf8', 1), this.#newLine);
        this.#newLine++;
        return;
      }
      if (first === 0x2d /* - */) {
        this.#oldLeft--;
        return;
      }
      if (first === 0x5c /* \ No newline at end of file */) return;
      if (first === 0x20) {
        this.#oldLeft--;
        this.#newLeft--;
        this.#newLine++;
        return;
      }
      // Anything else ends the hunk early (malformed counts): fall through to headers.
      this.#oldLeft = 0;
      this.#newLeft = 0;
    }
    if (first === COMMIT_MARK) {
      this.#flush();
      this.#endFile();
      const [sha = '', date = '', author = ''] = line.toString('utf8', 1).split(FIELD_SEP);
      this.#commit = { sha, author, date };
      this.commits++;
      this.#o.progress?.update(this.commits);
      this.#o.signal?.throwIfAborted();
      return;
    }
    if (first === 0x64 /* d */ && startsWith(line, 'diff --git ')) {
      this.#flush();
      this.#endFile();
      this.#setPath(symmetricPath(line.toString('utf8', 'diff --git '.length)));
      return;
    }
    if (first === 0x40 /* @ */) {
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line.toString('latin1', 0, 80));
      if (m !== null) {
        this.#oldLeft = m[1] === undefined ? 1 : Number(m[1]);
        this.#newLine = Number(m[2]);
        this.#newLeft = m[3] === undefined ? 1 : Number(m[3]);
      }
      return;
    }
    if (first === 0x2b && startsWith(line, '+++ ')) {
      // git appends a TAB to names containing spaces, so patch(1) can find where they end.
      const target = line.toString('utf8', 4).replace(/\t$/, '');
      if (target !== '/dev/null') this.#setPath(stripPrefix(unquote(target), 'b/'));
      return;
    }
    if (first === 0x72 /* r */ && startsWith(line, 'rename to ')) {
      this.#setPath(unquote(line.toString('utf8', 'rename to '.length)));
    } else if (first === 0x63 /* c */ && startsWith(line, 'copy to ')) {
      this.#setPath(unquote(line.toString('utf8', 'copy to '.length)));
    }
  }

  #setPath(path: string | undefined): void {
    if (path === undefined || path === this.#path) return;
    this.#path = path;
    this.#skipFile = this.#o.engine.isPathAllowed(path);
  }

  /** A file's diff is over: its name alone may be a finding (a committed .p12). */
  #endFile(): void {
    const path = this.#path;
    if (path !== undefined && this.#commit !== undefined) {
      for (const rule of this.#o.engine.pathRules(path)) {
        this.#o.collector.add({
          rule,
          secret: path,
          location: { path },
          inlineAllowed: false,
          commit: this.#commit,
        });
      }
    }
    this.#path = undefined;
    this.#skipFile = false;
    this.#oldLeft = 0;
    this.#newLeft = 0;
  }

  #added(text: string, lineNumber: number): void {
    this.#lines.push(text);
    this.#lineNumbers.push(lineNumber);
    this.#chars += text.length + 1;
    if (this.#chars >= FLUSH_CHARS) this.#flush();
  }

  /** Scans the buffered added lines of the current file in the current commit. */
  #flush(): void {
    const lines = this.#lines;
    const numbers = this.#lineNumbers;
    this.#lines = [];
    this.#lineNumbers = [];
    this.#chars = 0;
    const path = this.#path;
    const commit = this.#commit;
    if (lines.length === 0 || path === undefined || commit === undefined) return;
    const text = lines.join('\n');
    const index = new LineIndex(text);
    for (const m of this.#o.engine.scan(text, path)) {
      const i = index.lineIndexOf(m.start);
      const lineNumber = numbers[i] as number;
      // The line before counts only when it is the new file's previous line (added too).
      const previous = i > 0 && numbers[i - 1] === lineNumber - 1 ? lines[i - 1] : undefined;
      this.#o.collector.add({
        rule: m.rule,
        secret: m.secret,
        location: { path, line: lineNumber, column: m.start - index.lineStart(i) + 1 },
        inlineAllowed: isInlineAllowed(lines[i] ?? '', previous),
        commit,
      });
    }
  }
}

function startsWith(line: Buffer, prefix: string): boolean {
  return line.length >= prefix.length && line.toString('latin1', 0, prefix.length) === prefix;
}

function stripPrefix(s: string, prefix: string): string {
  return s.startsWith(prefix) ? s.slice(prefix.length) : s;
}

/** `a/x b/x` → `x`; undefined when the two sides differ (a rename: later lines say). */
function symmetricPath(rest: string): string | undefined {
  if (rest.startsWith('"')) return undefined;
  const half = (rest.length - 1) / 2;
  if (!Number.isInteger(half)) return undefined;
  const a = rest.slice(0, half);
  const b = rest.slice(half + 1);
  return a.startsWith('a/') && b.startsWith('b/') && a.slice(2) === b.slice(2)
    ? b.slice(2)
    : undefined;
}

/** Undoes git's C-style quoting of unusual path names ("a\tb", octal UTF-8 bytes). */
export function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s;
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  const escapes: Record<string, number> = {
    n: 10,
    t: 9,
    r: 13,
    '"': 34,
    '\\': 92,
    a: 7,
    b: 8,
    f: 12,
    v: 11,
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
