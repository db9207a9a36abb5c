// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell, Dockerfile and workflow text
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parser.ts';
import { readStages } from './stages.ts';
import { substitute } from './substitute.ts';
import { assignments, splitWords } from './words.ts';

describe('parseDockerfile', () => {
  it('joins continuations, dropping comment and blank lines inside them', () => {
    const df = parseDockerfile(
      'FROM debian:12\nRUN apt-get update \\\n    # tools\n\n    && apt-get install -y curl \\  \n    && true\nUSER 1000\n',
    );
    expect(df.instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 2, 6],
      ['USER', 7, 7],
    ]);
    const run = df.instructions[1];
    expect(run?.args).toBe('apt-get update     && apt-get install -y curl     && true');
    // Offsets in the joined text map back to the physical line and column.
    const at = run?.args.indexOf('install') ?? -1;
    expect(run?.position(at)).toEqual({ line: 5, column: 16 });
  });

  it('reads parser directives only at the top and honours escape=`', () => {
    const df = parseDockerfile(
      '# escape=`\n# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\\n# escape=\\\n',
    );
    expect([...df.directives]).toEqual([
      ['escape', '`'],
      ['syntax', 'docker/dockerfile:1'],
    ]);
    expect(df.escapeChar).toBe('`');
    expect(df.instructions[1]?.args).toBe('dir   C:\\');
    expect(parseDockerfile('FROM x\n# escape=`\n').directives.size).toBe(0);
  });

  it('reads heredocs: several per instruction, <<- tab stripping, quoted delimiters', () => {
    const df = parseDockerfile(
      'FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nCOPY <<-"A" <<B /dst/\n\t\tone\n\tA\ntwo\nB\nRUN echo "x<<y" && cat <<\'END\' > f\n$HOME\nEND\nUSER 1\n',
    );
    const [, run, copy, quoted, user] = df.instructions;
    expect(run?.heredocs).toEqual([{ delimiter: 'EOF', content: 'apk add curl', line: 3 }]);
    expect(copy?.heredocs.map((h) => [h.delimiter, h.content, h.line])).toEqual([
      ['A', 'one', 6],
      ['B', 'two', 8],
    ]);
    expect(quoted?.heredocs.map((h) => h.content)).toEqual(['$HOME']);
    expect(user?.line).toBe(13);
  });

  it('tells exec form from shell form, and keeps invalid JSON as shell form', () => {
    const df = parseDockerfile(
      'FROM x\nCMD ["node", "server.js"]\nCMD [node, server.js]\nRUN ["sh", "-c", 1]\n',
    );
    expect(df.instructions.map((i) => i.json)).toEqual([
      undefined,
      ['node', 'server.js'],
      undefined,
      undefined,
    ]);
  });

  it('separates leading flags from the arguments', () => {
    const [from, copy] = parseDockerfile(
      'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nCOPY --from=build --chmod=755 "/out/my app" /bin/\n',
    ).instructions;
    expect(from?.flags).toEqual([{ name: 'platform', value: '$BUILDPLATFORM' }]);
    expect(from?.rest).toBe('golang:1.23 AS build');
    expect(copy?.flags.map((f) => f.name)).toEqual(['from', 'chmod']);
    expect(copy?.rest).toBe('"/out/my app" /bin/');
  });

  it('reports unknown instructions and handles CRLF and a missing final newline', () => {
    const df = parseDockerfile('FROM x\r\nFROBNICATE all\r\nUSER 1');
    expect(df.problems).toEqual([{ line: 2, message: 'unknown instruction "FROBNICATE"' }]);
    expect(df.instructions.map((i) => i.keyword)).toEqual(['FROM', 'USER']);
  });

  it('marks instructions over 64 KiB as oversized without failing', () => {
    const df = parseDockerfile(`FROM x\nRUN echo ${'a'.repeat(70_000)}\n`);
    expect(df.instructions[1]?.oversized).toBe(true);
  });
});

describe('stages and substitution', () => {
  it('resolves global ARG defaults in FROM and links stage references', () => {
    const stages = readStages(
      parseDockerfile(
        'ARG BASE=node\nARG TAG\nFROM ${BASE}:${VERSION:-22} AS build\nFROM build AS test\nFROM alpine:${TAG}\n',
      ),
    );
    expect(stages.map((s) => [s.image, s.resolved, s.name, s.parent?.name])).toEqual([
      ['${BASE}:${VERSION:-22}', 'node:22', 'build', undefined],
      ['build', 'build', 'test', 'build'],
      ['alpine:${TAG}', undefined, undefined, undefined],
    ]);
  });

  it('substitutes the BuildKit forms', () => {
    const values = new Map<string, string | undefined>([
      ['A', 'a'],
      ['E', ''],
    ]);
    expect(substitute('$A-${A}-${E:-d}-${E-d}-${A:+x}-${N:+x}', values)).toBe('a-a-d--x-');
    expect(substitute('${N}', values)).toBeUndefined();
  });
});

describe('words', () => {
  it('splits with quotes and escapes', () => {
    expect(splitWords(`a "b c" 'd e' f\\ g "h\\"i"`).map((w) => w.value)).toEqual([
      'a',
      'b c',
      'd e',
      'f g',
      'h"i',
    ]);
  });

  it('reads ENV and ARG assignments, including the legacy ENV form', () => {
    expect(assignments('A=1 B="two words" C')).toEqual([
      { name: 'A', value: '1', rawValue: '1', offset: 0 },
      { name: 'B', value: 'two words', rawValue: '"two words"', offset: 4 },
      { name: 'C', offset: 18 },
    ]);
    expect(assignments('TOKEN some value', '\\', true)).toEqual([
      { name: 'TOKEN', value: 'some value', rawValue: 'some value', offset: 0 },
    ]);
  });
});
