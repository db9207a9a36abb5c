import { argSpan, type DockerfileModel } from '../dockerfile/model.ts';
import type { Stage } from '../dockerfile/stages.ts';
import type { Check } from './types.ts';

const ROOT = /^(?:root|0)(?::.*)?$/i;

/** The user a stage's commands end up running as: a USER value, or the base's, or undefined. */
function effectiveUser(
  stage: Stage,
  depth = 0,
): { user: string; stage: Stage; index: number } | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const inst = stage.instructions[i];
    if (inst?.keyword === 'USER') return { user: inst.rest.trim(), stage, index: i };
  }
  return stage.parent === undefined || depth > 50
    ? undefined
    : effectiveUser(stage.parent, depth + 1);
}

/** Base images known to set a non-root user themselves. */
const NON_ROOT_BASE = /(?:^|[:/_-])(?:nonroot|rootless)(?:$|[:@_-])/i;

export const dockerfileRootUser: Check<DockerfileModel> = {
  meta: {
    id: 'dockerfile-root-user',
    title: 'Container runs as root',
    severity: 'medium',
    target: 'dockerfile',
    description:
      "Without a `USER` instruction in the final stage (or with `USER root`/`0` last), the container's process runs as uid 0. A bug in the application then has root's power inside the container, and any container escape or writable host mount starts from root.",
    remediation:
      'Create an unprivileged user and switch to it at the end of the final stage: `RUN useradd --system --uid 10001 app` then `USER 10001`; distroless images provide `USER nonroot`.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user',
    ],
    examples: {
      bad: `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "app.py"]
`,
      good: `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt \\
 && useradd --system --uid 10001 app
USER 10001
CMD ["python", "app.py"]
`,
    },
  },
  detect(model) {
    const final = model.stages[model.stages.length - 1];
    if (final === undefined) return [];
    const found = effectiveUser(final);
    if (found !== undefined) {
      if (!ROOT.test(found.user)) return [];
      const inst = found.stage.instructions[found.index];
      if (inst === undefined) return [];
      return [
        {
          span: argSpan(inst, inst.restOffset, inst.rest.length),
          title: `The final stage ends with USER ${found.user}`,
          anchor: 'final-stage.user',
          snippet: `USER ${found.user}`,
        },
      ];
    }
    const base = final.resolved ?? final.image;
    if (NON_ROOT_BASE.test(base)) return [];
    return [
      {
        span: argSpan(final.from, final.imageOffset, final.image.length),
        title: `The final stage (FROM ${final.image}) has no USER instruction`,
        detail: "The image's default user applies, which is root for almost every base image.",
        anchor: 'final-stage.user',
        snippet: 'no USER',
      },
    ];
  },
};
