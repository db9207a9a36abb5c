/**
 * Child process for the concurrency test: reads the database's row counts over and over, each in
 * one statement (one snapshot), until stdin closes. Prints "ready", every new (records, packages,
 * aliases) triple it sees as "seen r p a", and "tick n" every 50 reads.
 */
import Database from 'better-sqlite3';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: read-loop.ts <db>');
const db = new Database(path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const counts = db.prepare(
  'SELECT (SELECT count(*) FROM records) AS r, (SELECT count(*) FROM packages) AS p, (SELECT count(*) FROM aliases) AS a',
);
let stopped = false;
process.stdin.on('end', () => {
  stopped = true;
});
process.stdin.resume();
process.stdout.write('ready\n');
let last = '';
let reads = 0;
function loop(): void {
  if (stopped) {
    db.close();
    process.stdout.write(`done ${reads}\n`);
    return;
  }
  const row = counts.get() as { r: number; p: number; a: number };
  const seen = `${row.r} ${row.p} ${row.a}`;
  if (seen !== last) process.stdout.write(`seen ${seen}\n`);
  last = seen;
  if (++reads % 50 === 0) process.stdout.write(`tick ${reads}\n`);
  setImmediate(loop);
}
loop();
