import { parseEcosystem } from '../core/ecosystem-id.ts';
import { alma } from './alma/index.ts';
import { alpine } from './alpine/index.ts';
import { azureLinux } from './azure-linux/index.ts';
import { cargo } from './cargo/index.ts';
import { chainguard } from './chainguard/index.ts';
import { cocoapods } from './cocoapods/index.ts';
import { conan } from './conan/index.ts';
import { cran } from './cran/index.ts';
import { debian } from './debian/index.ts';
import type { Ecosystem } from './ecosystem.ts';
import type { Extractor } from './extractor.ts';
import { go } from './go/index.ts';
import { hackage } from './hackage/index.ts';
import { hex } from './hex/index.ts';
import { julia } from './julia/index.ts';
import { mageia } from './mageia/index.ts';
import { maven } from './maven/index.ts';
import { npm } from './npm/index.ts';
import { nuget } from './nuget/index.ts';
import { openeuler } from './openeuler/index.ts';
import { opensuse } from './opensuse/index.ts';
import { packagist } from './packagist/index.ts';
import { photon } from './photon/index.ts';
import { pub } from './pub/index.ts';
import { pypi } from './pypi/index.ts';
import { redhat } from './redhat/index.ts';
import { rocky } from './rocky/index.ts';
import { rubygems } from './rubygems/index.ts';
import { suse } from './suse/index.ts';
import { swift } from './swift/index.ts';
import { ubuntu } from './ubuntu/index.ts';
import { wolfi } from './wolfi/index.ts';

/** Every ecosystem secflow knows. Adding one is a folder and one entry here. */
export const ecosystems: readonly Ecosystem[] = [
  npm,
  pypi,
  go,
  cargo,
  rubygems,
  packagist,
  maven,
  nuget,
  pub,
  hex,
  debian,
  ubuntu,
  alpine,
  wolfi,
  chainguard,
  redhat,
  rocky,
  alma,
  suse,
  opensuse,
  photon,
  azureLinux,
  mageia,
  openeuler,
  cran,
  hackage,
  conan,
  swift,
  cocoapods,
  julia,
];

const byId = new Map(ecosystems.map((e) => [e.id.toLowerCase(), e]));

/** The plugin for an OSV ecosystem string ("PyPI", "pypi", "Debian:11"), if secflow knows it. */
export function findEcosystem(ecosystem: string): Ecosystem | undefined {
  return byId.get(parseEcosystem(ecosystem).base.toLowerCase());
}

/** Every extractor of every ecosystem, in registry order. */
export function allExtractors(): readonly Extractor[] {
  return ecosystems.flatMap((e) => e.extractors);
}
