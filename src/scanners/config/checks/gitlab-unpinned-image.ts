import type { Node } from 'yaml';
import type { Pipeline } from '../gitlab/pipeline.ts';
import { floatingImageReason, parseImageRef } from '../image-ref.ts';
import { get, items, spanOf, text, type YamlFile } from '../yaml-positions.ts';
import type { Check, CheckHit } from './types.ts';

/** `image:` and `services:` of a job, `default:` or the top level, as name nodes. */
function imageNodes(file: YamlFile, owner: Node | undefined): { key: string; node: Node }[] {
  const out: { key: string; node: Node }[] = [];
  const image = get(file, owner, 'image');
  const imageName = text(file, image) !== undefined ? image : get(file, image, 'name');
  if (imageName !== undefined) out.push({ key: 'image', node: imageName });
  for (const service of items(file, get(file, owner, 'services'))) {
    const name = text(file, service) !== undefined ? service : get(file, service, 'name');
    if (name !== undefined) out.push({ key: 'services', node: name });
  }
  return out;
}

export const gitlabUnpinnedImage: Check<Pipeline> = {
  meta: {
    id: 'gitlab-unpinned-image',
    title: 'Job image without a tag or with :latest',
    severity: 'medium',
    target: 'gitlab',
    description:
      "An image without a tag, or tagged `latest`, is whatever was pushed last: builds stop being reproducible, and a compromised or careless push to that repository runs in every job that uses it, with the job's variables and token.",
    remediation:
      'Use a specific version tag, or better a digest: `image: node:22.12-bookworm` or `image: node@sha256:<digest>`.',
    references: ['https://docs.gitlab.com/ci/yaml/#image'],
    examples: {
      bad: `test:
  image: node
  script:
    - npm ci
    - npm test
`,
      good: `test:
  image: node:22.12-bookworm
  script:
    - npm ci
    - npm test
`,
    },
  },
  detect(pipeline) {
    const hits: CheckHit[] = [];
    const owners = [
      ...pipeline.files.map((f) => ({
        file: f,
        node: f.doc.contents as Node | undefined,
        anchor: '',
      })),
      ...pipeline.jobs.map((j) => ({ file: j.file, node: j.node, anchor: `${j.name}.` })),
    ];
    for (const owner of owners) {
      for (const { key, node } of imageNodes(owner.file, owner.node)) {
        const value = text(owner.file, node);
        if (value === undefined || value.includes('$')) continue;
        const reason = floatingImageReason(parseImageRef(value.trim()));
        if (reason === undefined) continue;
        hits.push({
          path: owner.file.path,
          span: spanOf(owner.file, node),
          title: `Image ${value} ${reason}`,
          anchor: `${owner.anchor}${key}`,
          snippet: value,
        });
      }
    }
    return hits;
  },
};
