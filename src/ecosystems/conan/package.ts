import type { PackageRef } from '../../core/package.ts';
import { type PackageFacts, packageRef, purlOf } from '../shared/package-ref.ts';

/** A ConanCenter PackageRef, leaving out every fact the file does not record. */
export function conanPackage(
  extractor: string,
  ref: ConanReference,
  facts: PackageFacts,
): PackageRef {
  const { name, version } = ref;
  return packageRef({
    ecosystem: 'ConanCenter',
    extractor,
    name,
    version,
    purl: conanPurl(ref),
    ...facts,
  });
}

/** A Conan reference: `name/version[@user/channel][#revision]`. */
export interface ConanReference {
  readonly name: string;
  readonly version: string;
  readonly user?: string | undefined;
  readonly channel?: string | undefined;
  readonly revision?: string | undefined;
}

/**
 * Reads a reference or package reference as lockfiles write it, dropping the package id
 * (`:…`), package revision and timestamp (`%…`). Undefined when it names no package.
 */
export function parseConanReference(text: string): ConanReference | undefined {
  const [recipe = ''] = text.split(':');
  const [withoutTime = ''] = recipe.split('%');
  const [base = '', revision] = withoutTime.split('#');
  const [nameVersion = '', userChannel] = base.split('@');
  const slash = nameVersion.indexOf('/');
  if (slash <= 0 || slash === nameVersion.length - 1) return undefined;
  const [user, channel] = userChannel === undefined ? [] : userChannel.split('/');
  return {
    name: nameVersion.slice(0, slash),
    version: nameVersion.slice(slash + 1),
    ...(user ? { user } : {}),
    ...(channel ? { channel } : {}),
    ...(revision ? { revision } : {}),
  };
}

/** The purl: the user is the namespace; channel and recipe revision are qualifiers. */
function conanPurl(ref: ConanReference): string | undefined {
  const qualifiers: Record<string, string> = {};
  if (ref.channel) qualifiers.channel = ref.channel;
  if (ref.revision) qualifiers.rrev = ref.revision;
  return purlOf('conan', ref.user, ref.name, ref.version, qualifiers);
}
