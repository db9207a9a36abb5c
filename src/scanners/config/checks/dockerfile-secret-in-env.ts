import { argSpan, type DockerfileModel } from '../dockerfile/model.ts';
import { assignments } from '../dockerfile/words.ts';
import type { Check, CheckHit } from './types.ts';

const SECRET_NAME =
  /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH_KEY/i;
/** Names that describe a secret (where it is, what it is called) rather than hold one. */
const NOT_A_VALUE = /_(?:FILE|PATH|DIR|URL|URI|ENDPOINT|NAME|ID|LENGTH|TTL|HEADER|TYPE|VERSION)$/i;
/** Values that only reference another variable: `$X`, `${X}`, `${X:-}`. */
const REFERENCE_ONLY = /^["']?\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)["']?$/;

export const dockerfileSecretInEnv: Check<DockerfileModel> = {
  meta: {
    id: 'dockerfile-secret-in-env',
    title: 'Secret value set in ENV or ARG',
    severity: 'high',
    target: 'dockerfile',
    description:
      '`ENV` values are stored in the image configuration and `ARG` values in its build history: anyone who can pull the image reads them with `docker inspect` or `docker history`, and they stay in every image built on top. A literal password, token or key in the Dockerfile is also in the repository.',
    remediation:
      'Pass secrets at build time as BuildKit secret mounts and at run time as environment or files from the orchestrator: `RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci`, built with `docker build --secret id=npm_token,env=NPM_TOKEN .`.',
    references: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    ],
    examples: {
      bad: `FROM node:22-bookworm-slim
ENV NPM_TOKEN=npm_6c2b1e4f9d8a7b3c5e0f1a2b3c4d5e6f7a8b
WORKDIR /app
COPY . .
RUN npm ci
USER node
`,
      good: `FROM node:22-bookworm-slim
WORKDIR /app
COPY . .
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
USER node
`,
    },
  },
  detect(model) {
    const hits: CheckHit[] = [];
    for (const inst of model.dockerfile.instructions) {
      if ((inst.keyword !== 'ENV' && inst.keyword !== 'ARG') || inst.oversized) continue;
      for (const a of assignments(inst.rest, model.dockerfile.escapeChar, inst.keyword === 'ENV')) {
        if (!SECRET_NAME.test(a.name) || NOT_A_VALUE.test(a.name)) continue;
        const raw = (a.rawValue ?? '').trim();
        if (a.value === undefined || a.value === '' || REFERENCE_ONLY.test(raw)) continue;
        hits.push({
          span: argSpan(inst, inst.restOffset + a.offset, a.name.length),
          title: `${inst.keyword} ${a.name} is set to a literal value`,
          detail: `The value is stored in the image ${inst.keyword === 'ENV' ? 'configuration' : 'history'}.`,
          anchor: `${inst.keyword} ${a.name}`,
          snippet: a.name,
        });
      }
    }
    return hits;
  },
};
