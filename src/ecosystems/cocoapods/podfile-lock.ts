import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageKey, withDependencyPaths } from '../shared/dependency-paths.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import {
  isMapping,
  mapEntries,
  mapValue,
  nodeOffset,
  parseYaml,
  scalarText,
  seqItems,
} from '../shared/yaml-document.ts';

const ID = 'cocoapods/podfile-lock';
const FORMAT = 'Podfile.lock';

interface Pod {
  readonly name: string;
  readonly version: string;
  readonly line: number | undefined;
  readonly deps: string[];
}

/**
 * Podfile.lock (CocoaPods): `PODS` lists every pod as `Name (version)`, with the pods it needs
 * below it; `DEPENDENCIES` lists what the Podfile asks for (the direct ones) and `EXTERNAL
 * SOURCES` the pods taken from a path or git instead of a spec repository. Subspecs
 * (`Texture/Core`) share their pod's version and are reported once, as the pod.
 */
export const podfileLockExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    const { root, lines } = parseYaml(path, content, FORMAT);
    if (!isMapping(root)) throw invalidInput(path, FORMAT, 'not a YAML mapping');
    const pods = new Map<string, Pod>();
    const skipped: SkippedEntry[] = [];
    for (const item of seqItems(mapValue(root, 'PODS'))) {
      const [entry] = mapEntries(item);
      const text = entry?.key ?? scalarText(item) ?? '';
      const offset = nodeOffset(item);
      const line = offset === undefined ? undefined : lines.lineAt(offset);
      const parsed = /^(\S+)\s+\(([^)]+)\)$/.exec(text.trim());
      if (parsed === null) {
        skipped.push(
          skippedEntry({
            path,
            line,
            entry: clip(text),
            reason: 'malformed',
            detail: 'not "Name (version)"',
          }),
        );
        continue;
      }
      const name = podName(parsed[1] ?? '');
      const pod = pods.get(name) ?? { name, version: parsed[2] ?? '', line, deps: [] };
      pods.set(name, pod);
      for (const dep of seqItems(entry?.value)) {
        const depName = podName((scalarText(dep) ?? '').split(/\s/)[0] ?? '');
        if (depName !== '' && depName !== name && !pod.deps.includes(depName))
          pod.deps.push(depName);
      }
    }
    const direct = new Set(
      seqItems(mapValue(root, 'DEPENDENCIES')).map((d) =>
        podName((scalarText(d) ?? '').split(/\s/)[0] ?? ''),
      ),
    );
    const external = new Map(
      mapEntries(mapValue(root, 'EXTERNAL SOURCES')).map((e) => [e.key, e.value]),
    );
    const packages: PackageRef[] = [];
    for (const pod of pods.values()) {
      const source = external.get(pod.name);
      if (source !== undefined) {
        const [origin] = mapEntries(source);
        const detail =
          origin === undefined
            ? 'external source'
            : `${origin.key.replace(/^:/, '')} ${scalarText(origin.value) ?? ''}`.trim();
        skipped.push(
          skippedEntry({
            path,
            line: pod.line,
            name: pod.name,
            version: pod.version,
            entry: clip(`${pod.name} (${pod.version})`),
            reason: 'non-registry',
            detail,
          }),
        );
        continue;
      }
      const dependsOn = pod.deps.flatMap((d) => {
        const target = pods.get(d);
        return target === undefined ? [] : [packageKey(target.name, target.version)];
      });
      packages.push(
        packageRef({
          ecosystem: 'CocoaPods',
          purlType: 'cocoapods',
          extractor: ID,
          name: pod.name,
          version: pod.version,
          path,
          line: pod.line,
          direct: direct.has(pod.name),
          dependsOn,
        }),
      );
    }
    return { packages: withDependencyPaths(packages), skipped };
  },
};

/** The pod a subspec belongs to: `Texture/Core` → `Texture`. */
function podName(name: string): string {
  return name.split('/')[0] ?? name;
}
