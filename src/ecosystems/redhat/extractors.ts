import type { Extractor } from '../extractor.ts';

/**
 * The Red Hat Enterprise Linux (and CentOS, which rebuilds it) file formats secflow reads. Installed packages live in the binary rpm database
 * (rpmdb.sqlite, Packages.db, Packages), which is not a text file and so not an Extractor: the
 * image and root filesystem collectors read it with src/ecosystems/rpm-db and name the packages
 * "Red Hat:<release>" from os-release.
 */
export const extractors: readonly Extractor[] = [];
