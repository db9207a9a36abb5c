import { type DockerfileModel, runScripts } from '../dockerfile/model.ts';
import { commands } from '../gitlab/shell.ts';
import type { Check, CheckHit } from './types.ts';

const PREFIX =
  /^(?:(?:sudo|doas)(?:\s+-\S+)*\s+|env(?:\s+\S+=\S*)*\s+|[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*/;
const DOWNLOADER = /^(?:curl|wget|Invoke-WebRequest|iwr|Invoke-RestMethod|irm)\b/i;
const INTERPRETER =
  /^(?:\/\S*\/)?(?:(?:ba|z|da|k|fi)?sh|python[0-9.]*|perl|ruby|node|Invoke-Expression|iex)\b/i;
/** `sh -c "$(curl …)"`, `bash <(curl …)`, `iex ((New-Object Net.WebClient).DownloadString(…))`. */
const SUBSTITUTED = [
  /^(?:\/\S*\/)?(?:ba|z|da|k)?sh\b.*?\s-c\s+["']?\$\(\s*(?:curl|wget)\b/,
  /^(?:\/\S*\/)?(?:ba|z|da|k)?sh\b(?:\s+-\S+)*\s+<\(\s*(?:curl|wget)\b/,
  /^(?:Invoke-Expression|iex)\b[\s(]*(?:\(\s*New-Object\s+(?:System\.)?Net\.WebClient\s*\)\.DownloadString|Invoke-WebRequest|iwr|Invoke-RestMethod|irm)\b/i,
];

const bare = (command: string) => command.replace(PREFIX, '');

/**
 * Where a script runs downloaded code: a download piped straight into a shell or
 * interpreter, or a shell handed a download through `$(…)` or `<(…)`. Works on the simple
 * commands of each line, so long lines cost linear time.
 */
function pipedDownloads(script: string): { index: number; length: number; text: string }[] {
  const found: { index: number; length: number; text: string }[] = [];
  let lineStart = 0;
  for (const line of script.split('\n')) {
    const parts = commands(line);
    let from = 0;
    parts.forEach((part, i) => {
      const index = line.indexOf(part.text, from);
      from = index + part.text.length;
      const next = parts[i + 1];
      const command = bare(part.text);
      const piped =
        part.piped &&
        next !== undefined &&
        DOWNLOADER.test(command) &&
        INTERPRETER.test(bare(next.text));
      if (piped || SUBSTITUTED.some((r) => r.test(command))) {
        const end = piped ? line.indexOf(next.text, from) + next.text.length : from;
        found.push({ index: lineStart + index, length: end - index, text: line.slice(index, end) });
      }
    });
    lineStart += line.length + 1;
  }
  return found;
}

export const dockerfileCurlPipeShell: Check<DockerfileModel> = {
  meta: {
    id: 'dockerfile-curl-pipe-shell',
    title: 'Remote script piped into a shell',
    severity: 'high',
    target: 'dockerfile',
    description:
      '`curl … | sh` runs whatever the server sends at build time, as root, with nothing to compare it against. A compromised host, DNS or CDN — or a server that detects the pipe and serves something else — runs its code in your build and ships its changes in your image.',
    remediation:
      'Download to a file, verify a pinned checksum (or signature), then run it: `RUN curl -fsSLo /tmp/install.sh https://… && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`; prefer a distribution package or a versioned release artifact.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#using-pipes',
      'https://www.idontplaydarts.com/2016/04/detecting-curl-pipe-bash-server-side/',
    ],
    examples: {
      bad: `FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
 && curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
USER 1000
`,
      good: `FROM debian:bookworm-slim
# The installer's published SHA-256, passed with --build-arg.
ARG SETUP_SHA256
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
 && curl -fsSLo /tmp/setup.sh https://deb.nodesource.com/setup_22.x \\
 && echo "$SETUP_SHA256  /tmp/setup.sh" | sha256sum -c - \\
 && bash /tmp/setup.sh
USER 1000
`,
    },
  },
  detect(model) {
    const hits: CheckHit[] = [];
    for (const inst of model.dockerfile.instructions) {
      for (const script of runScripts(inst)) {
        for (const m of pipedDownloads(script.text)) {
          const shown = m.text.replace(/\s+/g, ' ').trim();
          hits.push({
            span: script.span(m.index, m.length),
            title: `RUN pipes a download into a shell: ${shown.length > 70 ? `${shown.slice(0, 67)}…` : shown}`,
            anchor: 'RUN',
            snippet: shown,
          });
        }
      }
    }
    return hits;
  },
};
