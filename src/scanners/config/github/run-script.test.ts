// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell, Dockerfile and workflow text
import { describe, expect, it } from 'vitest';
import { commandFileWrites, readsFileOrCommand, shellVariables, splitLines } from './run-script.ts';

const writes = (script: string) =>
  commandFileWrites(splitLines(script, 0)).map((w) => ({
    file: w.file,
    name: w.name,
    content: w.content.map((c) => c.text.trim()),
  }));

describe('commandFileWrites', () => {
  it('reads single-line writes in bash, PowerShell and cmd spellings', () => {
    expect(
      writes(
        [
          'echo "TITLE=$TITLE" >> "$GITHUB_ENV"',
          'echo "/opt/bin" >> ${GITHUB_PATH}',
          'printf "sha=%s\\n" "$SHA" | tee -a $GITHUB_OUTPUT',
          '"NAME=$env:NAME" | Out-File -FilePath $env:GITHUB_ENV -Append',
          'echo VERSION=%VERSION%>> %GITHUB_ENV%',
          'echo "no write here"',
        ].join('\n'),
      ),
    ).toEqual([
      { file: 'GITHUB_ENV', name: 'TITLE', content: ['echo "TITLE=$TITLE" >> "$GITHUB_ENV"'] },
      { file: 'GITHUB_PATH', name: undefined, content: ['echo "/opt/bin" >> ${GITHUB_PATH}'] },
      {
        file: 'GITHUB_OUTPUT',
        name: 'sha',
        content: ['printf "sha=%s\\n" "$SHA" | tee -a $GITHUB_OUTPUT'],
      },
      {
        file: 'GITHUB_ENV',
        name: 'NAME',
        content: ['"NAME=$env:NAME" | Out-File -FilePath $env:GITHUB_ENV -Append'],
      },
      { file: 'GITHUB_ENV', name: 'VERSION', content: ['echo VERSION=%VERSION%>> %GITHUB_ENV%'] },
    ]);
  });

  it('takes the body of heredocs and brace groups as the written text', () => {
    expect(
      writes(
        [
          'cat <<EOF >> "$GITHUB_ENV"',
          'BODY=$BODY',
          'EOF',
          '{',
          '  echo "a=$A"',
          '  echo "b=$B"',
          '} >> "$GITHUB_OUTPUT"',
        ].join('\n'),
      ),
    ).toEqual([
      { file: 'GITHUB_ENV', name: 'BODY', content: ['BODY=$BODY'] },
      { file: 'GITHUB_OUTPUT', name: 'a', content: ['{', 'echo "a=$A"', 'echo "b=$B"'] },
    ]);
  });

  it('follows a multi-line NAME<<DELIM value across writes', () => {
    expect(
      writes(
        [
          'echo "notes<<NOTES_EOF" >> "$GITHUB_OUTPUT"',
          'echo "$NOTES" >> "$GITHUB_OUTPUT"',
          'echo "NOTES_EOF" >> "$GITHUB_OUTPUT"',
          'echo "next=1" >> "$GITHUB_OUTPUT"',
        ].join('\n'),
      ).map((w) => w.name),
    ).toEqual(['notes', 'notes', 'notes', 'next']);
  });
});

describe('shell helpers', () => {
  it('lists expanded variables', () => {
    expect(shellVariables('echo "$A ${B} $env:C %D% \\$5"')).toEqual(['A', 'B', 'C', 'D']);
  });

  it('recognises reading files and command output', () => {
    expect(readsFileOrCommand('echo "N=$(cat pr.txt)"')).toBe(true);
    expect(readsFileOrCommand('X=$(<pr.txt)')).toBe(true);
    expect(readsFileOrCommand('jq -r .n data.json')).toBe(true);
    expect(readsFileOrCommand('echo "N=42"')).toBe(false);
  });
});
