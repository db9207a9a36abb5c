import type { Span } from '../checks/types.ts';
import type { Dockerfile, Instruction } from './parser.ts';
import { readStages, type Stage } from './stages.ts';

/** What the Dockerfile checks read. */
export interface DockerfileModel {
  readonly path: string;
  readonly dockerfile: Dockerfile;
  readonly stages: readonly Stage[];
}

export function dockerfileModel(path: string, dockerfile: Dockerfile): DockerfileModel {
  return { path, dockerfile, stages: readStages(dockerfile) };
}

/** Span of `length` characters at `offset` in an instruction's arguments. */
export function argSpan(inst: Instruction, offset: number, length: number): Span {
  const a = inst.position(offset);
  const b = inst.position(offset + length);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** A piece of shell a RUN executes, with a way back to file positions. */
export interface ShellText {
  readonly text: string;
  span(index: number, length: number): Span;
}

/**
 * The shell a RUN runs: its shell-form arguments, each heredoc body, and exec-form
 * `["sh", "-c", "…"]` scripts. Oversized instructions give nothing.
 */
export function runScripts(inst: Instruction): ShellText[] {
  if (inst.keyword !== 'RUN' || inst.oversized) return [];
  const out: ShellText[] = [];
  if (inst.json !== undefined) {
    const dashC = inst.json.indexOf('-c');
    const script = dashC === -1 ? undefined : inst.json[dashC + 1];
    if (script !== undefined)
      out.push({ text: script, span: () => argSpan(inst, inst.restOffset, inst.rest.length) });
  } else if (inst.heredocs.length === 0 || !/^\s*<</.test(inst.rest)) {
    out.push({ text: inst.rest, span: (i, n) => argSpan(inst, inst.restOffset + i, n) });
  }
  for (const h of inst.heredocs) {
    out.push({
      text: h.content,
      span(index, length) {
        const before = h.content.slice(0, index);
        const line = h.line + (before.match(/\n/g)?.length ?? 0);
        const column = index - (before.lastIndexOf('\n') + 1) + 1;
        return { line, column, endLine: line, endColumn: column + length };
      },
    });
  }
  return out;
}

/** Every instruction of every stage, in file order. */
export function allInstructions(model: DockerfileModel): Instruction[] {
  return [...model.dockerfile.instructions];
}
