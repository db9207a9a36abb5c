/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}` and
 * `${NAME+alt}` the way BuildKit does in FROM lines. Returns undefined when a variable has no
 * value and no default, since the real value then comes from `--build-arg`.
 */
export function substitute(
  text: string,
  values: ReadonlyMap<string, string | undefined>,
): string | undefined {
  let unresolved = false;
  const out = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      _match,
      braced: string | undefined,
      colon: string,
      op: string | undefined,
      word: string,
      bare: string | undefined,
    ) => {
      const name = (braced ?? bare) as string;
      const value = values.get(name);
      const empty = value === undefined || (colon === ':' && value === '');
      if (op === '-') return empty ? word : (value as string);
      if (op === '+') return empty ? '' : word;
      if (value === undefined) unresolved = true;
      return value ?? '';
    },
  );
  return unresolved ? undefined : out;
}
