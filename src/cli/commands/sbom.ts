import { type Command, Option } from 'commander';
import type { CliContext } from '../context.ts';
import type { SbomFlags } from './sbom-run.ts';

/** `secflow sbom [PATH]`: the scan's inventory as CycloneDX 1.6 or SPDX 2.3, no matching. */
export function registerSbomCommand(program: Command, ctx: CliContext): void {
  program
    .command('sbom')
    .description('write the package inventory of a directory, lockfile or image as an SBOM')
    .argument('[path]', 'directory, lockfile or manifest, docker-archive/OCI image', '.')
    .addOption(
      new Option('-f, --format <format>', 'SBOM format')
        .choices(['cyclonedx', 'spdx'])
        .default('cyclonedx'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--rootfs <dir>', 'an unpacked root filesystem')
    .option('--platform <os/arch>', 'platform to pick from a multi-platform image')
    .option(
      '--skip <glob>',
      'skip paths matching this glob, repeatable',
      (v: string, p: string[] = []) => [...p, v],
    )
    .action(async (path: string, flags: SbomFlags) => {
      const { sbom } = await import('./sbom-run.ts');
      await sbom(ctx, path, flags);
    });
}
