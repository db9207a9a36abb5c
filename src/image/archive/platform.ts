import { SecflowError } from '../../core/errors.ts';

/** An image platform: "linux/amd64", "linux/arm/v7". */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, extra] = text.trim().toLowerCase().split('/');
  if (!os || !architecture || extra !== undefined) {
    throw new SecflowError('usage', `invalid platform "${text}"`, {
      hint: 'write it as os/arch[/variant], e.g. linux/amd64 or linux/arm/v7',
    });
  }
  return { os, architecture, ...(variant ? { variant } : {}) };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

const NODE_ARCH: Readonly<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

/** The platform of this machine, which images are scanned for unless --platform says otherwise. */
export function hostPlatform(): Platform {
  return { os: 'linux', architecture: NODE_ARCH[process.arch] ?? process.arch };
}

/** Whether an image built for `candidate` serves `wanted` (arm64's variant v8 is implied). */
export function platformMatches(wanted: Platform, candidate: Platform): boolean {
  if (wanted.os !== candidate.os.toLowerCase()) return false;
  if (wanted.architecture !== candidate.architecture.toLowerCase()) return false;
  if (wanted.variant === undefined) return true;
  const variant =
    candidate.variant?.toLowerCase() ?? (candidate.architecture === 'arm64' ? 'v8' : undefined);
  return variant === wanted.variant;
}
