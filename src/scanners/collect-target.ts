import type { Progress } from '../core/progress.ts';
import { allExtractors } from '../ecosystems/registry.ts';
import { collectDependencies } from './dependencies/collect.ts';
import type { Inventory } from './inventory.ts';
import type { ResolvedTarget } from './target.ts';
import type { WalkOptions } from './walk.ts';

export interface CollectTargetOptions {
  readonly walk: WalkOptions;
  readonly platform?: string;
  readonly progress?: Progress;
  readonly now: () => Date;
}

/** The package inventory of any target kind; the one place target kinds fan out. */
export async function collectTarget(
  target: ResolvedTarget,
  options: CollectTargetOptions,
): Promise<Inventory> {
  const progress = options.progress === undefined ? {} : { progress: options.progress };
  switch (target.kind) {
    case 'directory':
      return collectDependencies(target.path, {
        extractors: allExtractors(),
        walk: options.walk,
        ...progress,
      });
    case 'file':
      return collectDependencies(target.path, { extractors: [target.extractor], ...progress });
    case 'sbom': {
      const inventory = await collectDependencies(target.path, {
        extractors: [target.extractor],
        ...progress,
      });
      return { ...inventory, target: { ...inventory.target, kind: 'sbom' } };
    }
    case 'image': {
      const { collectImageInventory } = await import('../image/index.ts');
      return collectImageInventory(target.path, {
        ...progress,
        now: options.now(),
        ...(options.platform === undefined ? {} : { platform: options.platform }),
      });
    }
    case 'rootfs': {
      const { collectRootfsInventory } = await import('../image/index.ts');
      return collectRootfsInventory(target.path, { ...progress, now: options.now() });
    }
    default:
      return target satisfies never;
  }
}
