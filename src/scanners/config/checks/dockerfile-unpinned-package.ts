import { type DockerfileModel, runScripts } from '../dockerfile/model.ts';
import { splitWords, type Word } from '../dockerfile/words.ts';
import { commands } from '../gitlab/shell.ts';
import type { Check, CheckHit } from './types.ts';

/** Options that take a value, per tool, so the value is not read as a package. */
const VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  apt: new Set(['-o', '-t', '--target-release', '-c', '--config-file']),
  pip: new Set([
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '--target',
    '-t',
    '--prefix',
    '--root',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--trusted-host',
    '--cache-dir',
    '--src',
    '--progress-bar',
  ]),
  npm: new Set(['--registry', '--prefix', '--cache', '--userconfig', '--tag']),
  apk: new Set([
    '--virtual',
    '-t',
    '--repository',
    '-X',
    '--root',
    '-p',
    '--arch',
    '--keys-dir',
    '--cache-dir',
  ]),
};

function operands(words: readonly Word[], tool: string): Word[] {
  const takesValue = VALUE_OPTIONS[tool] ?? new Set<string>();
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    if (w.value.startsWith('-')) {
      if (takesValue.has(w.value)) i++;
      continue;
    }
    if (/^[<>|&;]|^\d*>/.test(w.value)) break;
    out.push(w);
  }
  return out;
}

interface Install {
  readonly tool: string;
  readonly unpinned: readonly string[];
}

/** What one simple command installs without pinning, if it is an install command. */
function unpinnedInstall(command: string): Install | undefined {
  const words = splitWords(command);
  const names = words.map((w) => w.value);
  const at = (i: number) => names[i] ?? '';
  let start = 0;
  while (/^(?:sudo|env|[A-Za-z_][A-Za-z0-9_]*=.*)$/.test(at(start))) start++;
  const cmd = at(start);
  const rest = words.slice(start + 1);
  const literal = (p: string) => !p.includes('$') && !p.includes('`');
  if (/^apt(?:-get)?$/.test(cmd) && rest.some((w) => w.value === 'install')) {
    if (names.includes('--no-install-recommends')) return undefined;
    const after = rest.slice(rest.findIndex((w) => w.value === 'install') + 1);
    const unpinned = operands(after, 'apt')
      .map((w) => w.value)
      .filter((p) => literal(p) && !p.includes('=') && !p.endsWith('.deb'));
    return unpinned.length > 0 ? { tool: 'apt-get install', unpinned } : undefined;
  }
  const pip = /^pip[0-9.]*$/.test(cmd)
    ? 0
    : /^python[0-9.]*$/.test(cmd) && at(start + 1) === '-m' && /^pip/.test(at(start + 2))
      ? 2
      : -1;
  if (pip !== -1) {
    const args = words.slice(start + 1 + pip);
    if (args[0]?.value !== 'install') return undefined;
    if (args.some((w) => /^(?:-r|--requirement|-c|--constraint|--require-hashes)$/.test(w.value)))
      return undefined;
    const unpinned = operands(args.slice(1), 'pip')
      .map((w) => w.value)
      .filter((p) => literal(p) && !/===?|@\s*\S|^\.|^\/|:\/\/|\.whl$|\.tar\.gz$|\.zip$/.test(p));
    return unpinned.length > 0 ? { tool: 'pip install', unpinned } : undefined;
  }
  if (
    cmd === 'npm' &&
    /^(?:install|i|add)$/.test(at(start + 1)) &&
    rest.some((w) => w.value === '-g' || w.value === '--global')
  ) {
    const unpinned = operands(rest.slice(1), 'npm')
      .map((w) => w.value)
      .filter((p) => literal(p) && !/^@?[^@]+@\S+$/.test(p) && !/^[./]|:\/\/|\.tgz$/.test(p));
    return unpinned.length > 0 ? { tool: 'npm install -g', unpinned } : undefined;
  }
  if (cmd === 'apk' && at(start + 1) === 'add') {
    const unpinned = operands(rest.slice(1), 'apk')
      .map((w) => w.value)
      .filter((p) => literal(p) && !/[=~<>]/.test(p) && !p.endsWith('.apk'));
    return unpinned.length > 0 ? { tool: 'apk add', unpinned } : undefined;
  }
  return undefined;
}

export const dockerfileUnpinnedPackage: Check<DockerfileModel> = {
  meta: {
    id: 'dockerfile-unpinned-package',
    title: 'Packages installed without version pins',
    severity: 'low',
    target: 'dockerfile',
    description:
      "Unpinned installs take whatever the package index serves on the day of the build, so two builds of the same Dockerfile differ, a rebuild can pull a broken or compromised release, and a vulnerability scan of yesterday's image says little about today's. apt-get is reported only when it also pulls in recommended packages, since Debian and Ubuntu security updates arrive under new versions.",
    remediation:
      'Pin versions (`pip install requests==2.32.3`, `npm install -g pnpm@9.15.0`, `apk add curl=8.11.1-r0`) or install from a lock or constraints file (`pip install -r requirements.txt`); for apt-get add `--no-install-recommends` or pin `package=version`.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#apt-get',
      'https://github.com/hadolint/hadolint/wiki/DL3013',
    ],
    examples: {
      bad: `FROM python:3.12-slim
RUN pip install --no-cache-dir flask gunicorn
USER 1000
CMD ["gunicorn", "app:app"]
`,
      good: `FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.1.0 gunicorn==23.0.0
USER 1000
CMD ["gunicorn", "app:app"]
`,
    },
  },
  detect(model) {
    const hits: CheckHit[] = [];
    for (const inst of model.dockerfile.instructions) {
      for (const script of runScripts(inst)) {
        let lineStart = 0;
        for (const line of script.text.split('\n')) {
          let from = 0;
          for (const c of commands(line)) {
            const start = line.indexOf(c.text, from);
            from = start + c.text.length;
            const found = unpinnedInstall(c.text);
            if (found === undefined) continue;
            hits.push({
              span: script.span(lineStart + start, c.text.length),
              title: `${found.tool} without version pins: ${found.unpinned.slice(0, 6).join(', ')}${found.unpinned.length > 6 ? ', …' : ''}`,
              anchor: `RUN ${found.tool}`,
              snippet: found.unpinned.join(' '),
            });
          }
          lineStart += line.length + 1;
        }
      }
    }
    return hits;
  },
};
