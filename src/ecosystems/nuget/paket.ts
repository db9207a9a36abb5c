/** Text of a paket line without its `//` or `#` comment. */
export function withoutComment(line: string): string {
  let end = line.length;
  const slashes = line.indexOf('//');
  // `//` inside a URL (source https://…) is not a comment.
  if (slashes !== -1 && line[slashes - 1] !== ':') end = slashes;
  const hash = line.indexOf('#');
  if (hash !== -1 && hash < end) end = hash;
  return line.slice(0, end).trimEnd();
}

/** A git commit hash (full or abbreviated), which paket accepts in place of a version. */
export function isCommit(text: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(text) && /[a-f]/i.test(text);
}
