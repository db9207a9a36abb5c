import { argSpan, type DockerfileModel } from '../dockerfile/model.ts';
import { splitWords } from '../dockerfile/words.ts';
import type { Check, CheckHit } from './types.ts';

const REMOTE = /^(?:https?|ftp):\/\//i;

export const dockerfileAddUrl: Check<DockerfileModel> = {
  meta: {
    id: 'dockerfile-add-url',
    title: 'ADD downloads a remote file without a checksum',
    severity: 'medium',
    target: 'dockerfile',
    description:
      '`ADD https://…` fetches whatever the server returns at build time and puts it in the image unverified: a compromised or hijacked host, or a changed release asset, silently changes what you ship. Builds also stop being reproducible.',
    remediation:
      'Pin the content with a checksum, `ADD --checksum=sha256:<digest> https://… /dest`, or download with curl and verify: `RUN curl -fsSLo /tmp/x.tgz https://… && echo "<sha256>  /tmp/x.tgz" | sha256sum -c -`.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#add---checksum',
      'https://docs.docker.com/build/building/best-practices/#add-or-copy',
    ],
    examples: {
      bad: `FROM alpine:3.20
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /sbin/tini
RUN chmod +x /sbin/tini
USER 65534
ENTRYPOINT ["/sbin/tini", "--"]
`,
      good: `FROM alpine:3.20
ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /sbin/tini
RUN chmod +x /sbin/tini
USER 65534
ENTRYPOINT ["/sbin/tini", "--"]
`,
    },
  },
  detect(model) {
    const hits: CheckHit[] = [];
    for (const inst of model.dockerfile.instructions) {
      if (inst.keyword !== 'ADD' || inst.oversized) continue;
      if (inst.flags.some((f) => f.name === 'checksum' && f.value !== '')) continue;
      const sources =
        inst.json !== undefined
          ? inst.json.slice(0, -1).map((value) => ({ value, offset: inst.rest.indexOf(value) }))
          : splitWords(inst.rest, model.dockerfile.escapeChar).slice(0, -1);
      for (const source of sources) {
        if (!REMOTE.test(source.value)) continue;
        hits.push({
          span: argSpan(inst, inst.restOffset + Math.max(0, source.offset), source.value.length),
          title: `ADD downloads ${source.value} without --checksum`,
          anchor: `ADD ${source.value}`,
          snippet: source.value,
        });
      }
    }
    return hits;
  },
};
