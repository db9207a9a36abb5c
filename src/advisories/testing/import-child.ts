/**
 * Child process for the interrupt test: imports `<source dir>` into `<db>`, printing "midway"
 * after `<pause after>` records have been read and then slowing down, so the parent can kill it
 * in the middle of the transaction.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { updateAdvisoryDb } from '../import.ts';
import type { AdvisorySource } from '../source.ts';
import { OsvDirSource } from '../sources/osv-dir.ts';

const [path, dir, pauseAfter] = process.argv.slice(2);
if (path === undefined || dir === undefined || pauseAfter === undefined)
  throw new Error('usage: import-child.ts <db> <source dir> <pause after>');
const inner = new OsvDirSource(dir);
let reads = 0;
const source: AdvisorySource = {
  kind: inner.kind,
  location: inner.location,
  folders: () => inner.folders(),
  fingerprint: (folder) => inner.fingerprint(folder),
  open: async (folder) => {
    const snapshot = await inner.open(folder);
    if (snapshot === undefined) return undefined;
    return {
      ...snapshot,
      read: async (entry) => {
        if (++reads === Number(pauseAfter)) process.stdout.write('midway\n');
        if (reads >= Number(pauseAfter)) await sleep(5);
        return snapshot.read(entry);
      },
    };
  },
};
await updateAdvisoryDb(path, source);
process.stdout.write('finished\n');
