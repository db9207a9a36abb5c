import { posix } from 'node:path';
import { valid as validPep440 } from '@renovatebot/pep440';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractInput, Extractor, ExtractResult } from '../extractor.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { assertText } from '../shared/text-input.ts';
import { exactPin, namedVersion, normalizePypiName, parseRequirement } from './pep508.ts';
import {
  hasEnvironmentVariable,
  isLocationLine,
  logicalLines,
  parseOption,
  withoutRequirementOptions,
} from './requirement-lines.ts';

const ID = 'pypi/requirements';
const FORMAT = 'requirements file';
/** Bounds how many files one scan follows through `-r`/`-c`. */
const MAX_INCLUDED_FILES = 64;

const INCLUDE_REQUIREMENTS = new Set(['-r', '--requirement']);
const INCLUDE_CONSTRAINTS = new Set(['-c', '--constraint']);
const EDITABLE = new Set(['-e', '--editable']);
/** pip's global options: they change how pip installs, not what. */
const GLOBAL_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '--no-index',
  '-f',
  '--find-links',
  '--no-binary',
  '--only-binary',
  '--prefer-binary',
  '--require-hashes',
  '--pre',
  '--trusted-host',
  '--use-feature',
]);

/** A requirement as declared, before constraints are applied. */
interface Declared {
  readonly name: string;
  readonly pin: string | undefined;
  readonly named: string;
  readonly entry: string;
  readonly path: string;
  readonly line: number;
}

/** A `==` pin from a constraints file: it fixes the version of a requirement declared elsewhere. */
interface ConstraintPin {
  readonly version: string;
}

interface QueuedFile {
  /** Path relative to the scanned file's directory, as readRelated takes it. */
  readonly relative: string;
  readonly constraints: boolean;
  readonly content: string;
}

/**
 * pip requirements files (`requirements*.txt`): exact pins become packages; ranges, bare names,
 * URLs and editable installs become skipped entries. `-r` files are followed (cycles and files
 * outside the scan root are guarded); pins from `-c` constraints files fix the version of
 * requirements that are otherwise unpinned, as pip would install them.
 */
export const requirementsTxt: Extractor = {
  id: ID,
  matches(path) {
    const base = posix.basename(path);
    return base.endsWith('.txt') && base.includes('requirements');
  },
  async extract(input) {
    return await extractRequirements(input);
  },
};

/** What reading a requirements file and its includes accumulates. */
interface ReadState {
  readonly input: ExtractInput;
  readonly baseDir: string;
  readonly queue: QueuedFile[];
  readonly seen: Set<string>;
  readonly declared: Declared[];
  readonly constraints: Map<string, ConstraintPin>;
  readonly skipped: SkippedEntry[];
}

type Skip = (fields: Omit<Parameters<typeof skippedEntry>[0], 'path' | 'line' | 'entry'>) => void;

async function extractRequirements(input: ExtractInput): Promise<ExtractResult> {
  assertText(input.path, input.content, FORMAT);
  const self = posix.basename(input.path);
  const state: ReadState = {
    input,
    baseDir: posix.dirname(input.path),
    queue: [{ relative: self, constraints: false, content: input.content }],
    seen: new Set([self]),
    declared: [],
    constraints: new Map(),
    skipped: [],
  };
  // A queue rather than recursion: includes nest as deep as they like without growing the stack.
  for (let head = 0; head < state.queue.length; head++) {
    const file = state.queue[head] as QueuedFile;
    const path = posix.join(state.baseDir, file.relative);
    for (const { text, line } of logicalLines(file.content)) {
      const skip: Skip = (fields) =>
        state.skipped.push(skippedEntry({ path, line, entry: text, ...fields }));
      await readLine(state, file, text, skip, (req) =>
        state.declared.push({ ...req, entry: text, path, line }),
      );
    }
  }
  return resolveDeclared(state.declared, state.constraints, state.skipped);
}

/** Handles one logical line: an option, a location, or a requirement. */
async function readLine(
  state: ReadState,
  file: QueuedFile,
  text: string,
  skip: Skip,
  declare: (req: { name: string; pin: string | undefined; named: string }) => void,
): Promise<void> {
  if (hasEnvironmentVariable(text)) {
    skip({
      reason: 'unsupported',
      detail: 'uses environment variable expansion, known only when installing',
    });
    return;
  }
  const option = parseOption(text);
  if (option !== undefined) {
    await readOption(state, file, option, skip);
    return;
  }
  if (isLocationLine(text)) {
    if (!file.constraints)
      skip({ reason: 'non-registry', detail: 'installs from a URL, archive or directory' });
    return;
  }
  const parsed = parseRequirement(withoutRequirementOptions(text));
  if (!parsed.ok) {
    skip({ reason: 'malformed', detail: parsed.error });
    return;
  }
  const req = parsed.requirement;
  if (file.constraints) {
    const pin = exactPin(req.clauses);
    if (pin !== undefined && req.url === undefined)
      state.constraints.set(normalizePypiName(req.name), { version: pin });
  } else if (req.url !== undefined) {
    skip({ reason: 'non-registry', detail: `${req.name} installs from ${req.url}` });
  } else {
    declare({ name: req.name, pin: exactPin(req.clauses), named: namedVersion(req.clauses) });
  }
}

/** `-r`/`-c` queue the included file (once); `-e` is non-registry; global options are ignored. */
async function readOption(
  state: ReadState,
  file: QueuedFile,
  option: { name: string; value: string },
  skip: Skip,
): Promise<void> {
  const constraints = INCLUDE_CONSTRAINTS.has(option.name);
  if (constraints || INCLUDE_REQUIREMENTS.has(option.name)) {
    const target = posix.normalize(posix.join(posix.dirname(file.relative), option.value));
    if (state.seen.has(target)) return; // an include cycle, or a file already read
    state.seen.add(target);
    const content =
      state.seen.size > MAX_INCLUDED_FILES ? undefined : await state.input.readRelated(target);
    if (content === undefined) {
      skip({
        reason: 'unsupported',
        detail: `included file ${option.value} is missing, unreadable or outside the scan root`,
      });
      return;
    }
    assertText(posix.join(state.baseDir, target), content, FORMAT);
    state.queue.push({ relative: target, constraints: file.constraints || constraints, content });
  } else if (EDITABLE.has(option.name)) {
    if (!file.constraints)
      skip({ reason: 'non-registry', detail: 'editable install from a path or VCS URL' });
  } else if (!GLOBAL_OPTIONS.has(option.name)) {
    skip({ reason: 'unsupported', detail: `unknown option ${option.name}` });
  }
}

function resolveDeclared(
  declared: readonly Declared[],
  constraints: ReadonlyMap<string, ConstraintPin>,
  skipped: SkippedEntry[],
): ExtractResult {
  const packages: PackageRef[] = [];
  for (const d of declared) {
    const version = d.pin ?? constraints.get(normalizePypiName(d.name))?.version;
    if (version === undefined) {
      skipped.push(
        skippedEntry({
          path: d.path,
          line: d.line,
          reason: 'unpinned',
          name: d.name,
          version: d.named,
          entry: d.entry,
        }),
      );
    } else if (validPep440(version) === null) {
      skipped.push(
        skippedEntry({
          path: d.path,
          line: d.line,
          reason: 'invalid-version',
          name: d.name,
          version,
          entry: d.entry,
        }),
      );
    } else {
      packages.push(
        packageRef({
          ecosystem: 'PyPI',
          purlType: 'pypi',
          extractor: ID,
          name: d.name,
          version,
          path: d.path,
          line: d.line,
          direct: true,
        }),
      );
    }
  }
  return { packages, skipped };
}
