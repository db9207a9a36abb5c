import type { OsvRecord } from '../core/osv.ts';
import { compressRecord } from '../store/codec.ts';
import type { IndexedRecord } from '../store/record-keys.ts';
import { osvViolation } from './osv-validate.ts';
import { type DeflatedEntry, type EntryContent, EntrySkip, type SkipReason } from './source.ts';
import { inflateEntry } from './sources/inflate-entry.ts';

/**
 * What checking one entry found: the fields the store indexes (plus the compressed body when the
 * source had none), or why the entry is left out.
 */
export type CheckOutcome =
  | { readonly record: IndexedRecord; readonly body?: Buffer }
  | { readonly skip: SkipReason; readonly detail: string; readonly id?: string };

/**
 * Inflates (when the source left that to us), parses once and validates one entry. Bad entries
 * are data, not exceptions. Runs on import workers and, for small imports, on the main thread:
 * the same code either way, so results never depend on where it ran.
 */
export function checkContent(content: EntryContent | DeflatedEntry): CheckOutcome {
  let text: Buffer;
  if ('text' in content) text = content.text;
  else {
    try {
      text = inflateEntry(content);
    } catch (e) {
      if (e instanceof EntrySkip) return { skip: e.reason, detail: e.message };
      throw e;
    }
  }
  const outcome = checkText(text);
  return 'record' in outcome && 'text' in content && content.deflated === undefined
    ? { record: outcome.record, body: compressRecord(text) }
    : outcome;
}

/** Parses and validates a record's exact text. */
export function checkText(text: Buffer): CheckOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text.toString('utf8'));
  } catch (e) {
    return { skip: 'not-json', detail: (e as Error).message };
  }
  const violation = osvViolation(value);
  if (violation !== undefined) {
    const id = (value as { id?: unknown } | null)?.id;
    return {
      skip: 'schema-violating',
      detail: violation,
      ...(typeof id === 'string' ? { id } : {}),
    };
  }
  return { record: indexedFields(value as OsvRecord) };
}

/** The fields the index needs, so that a worker hands back a few strings, not the whole record. */
function indexedFields(record: OsvRecord): IndexedRecord {
  const affected = (record.affected ?? []).flatMap((a) =>
    a.package === undefined
      ? []
      : [{ package: { ecosystem: a.package.ecosystem, name: a.package.name } }],
  );
  return {
    id: record.id,
    modified: record.modified,
    ...(record.withdrawn === undefined ? {} : { withdrawn: record.withdrawn }),
    ...(record.aliases == null ? {} : { aliases: record.aliases }),
    ...(record.upstream === undefined ? {} : { upstream: record.upstream }),
    affected,
  };
}
