import { dpkgDistro, parseDpkgStatus } from '../ecosystems/debian/dpkg-status.ts';
import { type DetectedDistro, detectDistro } from '../ecosystems/distro/detect.ts';
import type { Captured } from './capture/captured.ts';
import { readText } from './capture/related.ts';
import type { Vfs } from './vfs.ts';

const DPKG_DATABASES = ['var/lib/dpkg/status', 'var/lib/dpkg/status.d/base-files'];

/**
 * The distribution of the image's final filesystem: os-release and the older release files
 * (following the image's own symlinks, e.g. etc/os-release → ../usr/lib/os-release). A
 * distroless image without them is still Debian when it has a dpkg database: its release comes
 * from base-files there.
 */
export async function detectImageOs(vfs: Vfs<Captured>): Promise<DetectedDistro | undefined> {
  const read = async (path: string) => readText(vfs, path);
  const detected = await detectDistro(read);
  if (detected !== undefined) return detected;
  for (const path of DPKG_DATABASES) {
    const text = readText(vfs, path);
    if (text === undefined) continue;
    const { records } = parseDpkgStatus(text, path);
    return { distro: await dpkgDistro(read, records), evidence: path };
  }
  return undefined;
}
