import type { OsvAffected, OsvEvent, OsvRecord } from '../../core/osv.ts';
import type { FixtureRecord } from './osv-layout.ts';

/** Replaces the last number in a version by itself plus `by`: "4.17.12" → "4.17.15". */
function bump(version: string, by: number): string {
  return version.replace(/(\d+)(?!.*\d)/, (digits) => String(Number(digits) + by));
}

function mutateEvent(event: OsvEvent, by: number): OsvEvent {
  const entries = Object.entries(event).map(([k, v]) => [k, v === '0' ? v : bump(String(v), by)]);
  return Object.fromEntries(entries) as OsvEvent;
}

function mutateAffected(affected: OsvAffected, n: number, packages: number): OsvAffected {
  const by = n % 7;
  return {
    ...affected,
    ...(affected.package === undefined
      ? {}
      : { package: { ...affected.package, name: `${affected.package.name}-g${n % packages}` } }),
    ...(affected.ranges === undefined
      ? {}
      : {
          ranges: affected.ranges.map((range) =>
            // GIT events are commit hashes: they stay as they are.
            range.type === 'GIT'
              ? range
              : { ...range, events: range.events.map((e) => mutateEvent(e, by)) },
          ),
        }),
    ...(affected.versions === undefined
      ? {}
      : { versions: affected.versions.map((v) => bump(v, by)) }),
  };
}

/**
 * Realistic synthetic OSV records: real ones with a new id, package names drawn from `packages`
 * variants per name (so packages collect several advisories, as real ones do), shifted versions
 * and fresh aliases. Still valid OSV: ids keep their registered prefix.
 */
export function* generateRecords(
  seeds: readonly FixtureRecord[],
  count: number,
  options: { packages?: number; start?: number } = {},
): Generator<FixtureRecord> {
  const packages = options.packages ?? 5000;
  const start = options.start ?? 0;
  for (let i = start; i < start + count; i++) {
    const seed = seeds[i % seeds.length];
    if (seed === undefined) throw new Error('generateRecords: no seed records');
    const source = seed.record;
    const id = `${source.id}-g${i}`;
    const record: OsvRecord = {
      ...source,
      id,
      ...(source.aliases === undefined
        ? {}
        : {
            aliases: source.aliases.map((a, k) =>
              k === 0 ? `CVE-2099-${100000 + i}` : `${a}-g${i}`,
            ),
          }),
      ...(source.affected === undefined
        ? {}
        : { affected: source.affected.map((a) => mutateAffected(a, i, packages)) }),
    };
    yield { name: `${id}.json`, text: Buffer.from(JSON.stringify(record)), record };
  }
}
