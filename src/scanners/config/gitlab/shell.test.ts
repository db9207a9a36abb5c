import { describe, expect, it } from 'vitest';
import { commands, expansions, firstEvaluator } from './shell.ts';

describe('expansions', () => {
  it('records each variable with its quoting', () => {
    expect(
      expansions(`echo $A "$B and \${C}" '$D' \\$E "x\\"$F"`).map((x) => [x.name, x.quote]),
    ).toEqual([
      ['A', 'unquoted'],
      ['B', 'double'],
      ['C', 'double'],
      ['F', 'double'],
    ]);
  });
});

describe('commands', () => {
  it('splits at ; && || | outside quotes and marks piped commands', () => {
    expect(commands(`a "x|y" | b && c; d || e 'f;g'`)).toEqual([
      { text: 'a "x|y"', piped: true },
      { text: 'b', piped: false },
      { text: 'c', piped: false },
      { text: 'd', piped: false },
      { text: "e 'f;g'", piped: false },
    ]);
  });
});

describe('firstEvaluator', () => {
  it.each([
    ['eval "$X"', 'eval'],
    ['bash -c "echo $X"', 'bash -c'],
    ['sh -ec "$X"', 'sh -ec'],
    ['bash -e script.sh "$X"', undefined],
    ['sh -e -c "$X"', 'sh -e -c'],
    ['ssh deploy@host "cd /srv && ./run $X"', 'ssh'],
    ['python3 -c "print(\'$X\')"', 'python3 -c'],
    ['echo "$X"', undefined],
  ])('%s', (line, expected) => {
    expect(firstEvaluator(line)?.text).toBe(expected);
  });
});
