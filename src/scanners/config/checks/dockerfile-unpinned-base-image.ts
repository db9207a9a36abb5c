import { argSpan, type DockerfileModel } from '../dockerfile/model.ts';
import { floatingImageReason, parseImageRef } from '../image-ref.ts';
import type { Check, CheckHit } from './types.ts';

export const dockerfileUnpinnedBaseImage: Check<DockerfileModel> = {
  meta: {
    id: 'dockerfile-unpinned-base-image',
    title: 'Base image without a tag or with :latest',
    severity: 'medium',
    target: 'dockerfile',
    description:
      '`FROM node` and `FROM node:latest` build on whatever was pushed last. Each build can pull a different operating system, runtime major version and set of vulnerabilities, and a compromised push to the repository goes straight into your image.',
    remediation:
      'Name a specific version, ideally with its digest: `FROM node:22.12-bookworm-slim` or `FROM node:22.12-bookworm-slim@sha256:<digest>` (let Renovate or Dependabot update it).',
    references: ['https://docs.docker.com/build/building/best-practices/#from'],
    examples: {
      bad: `FROM golang AS build
WORKDIR /src
COPY . .
RUN go build -o /app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app
ENTRYPOINT ["/app"]
`,
      good: `ARG GO_VERSION=1.23
FROM golang:\${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app
ENTRYPOINT ["/app"]
`,
    },
  },
  detect(model) {
    const hits: CheckHit[] = [];
    for (const stage of model.stages) {
      const resolved = stage.resolved;
      if (resolved === undefined || stage.parent !== undefined || stage.from.oversized) continue;
      if (resolved.toLowerCase() === 'scratch' || resolved === '') continue;
      const reason = floatingImageReason(parseImageRef(resolved));
      if (reason === undefined) continue;
      const via =
        resolved === stage.image ? '' : ` (${stage.image} with its build argument defaults)`;
      hits.push({
        span: argSpan(stage.from, stage.imageOffset, stage.image.length),
        title: `FROM ${resolved}${via} ${reason}`,
        anchor: `stage[${stage.name ?? stage.index}].from`,
        snippet: stage.image,
      });
    }
    return hits;
  },
};
