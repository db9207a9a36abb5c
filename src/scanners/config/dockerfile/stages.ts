import type { Dockerfile, Instruction } from './parser.ts';
import { substitute } from './substitute.ts';
import { assignments, splitWords } from './words.ts';

/** One build stage: its FROM, the image it names and the instructions up to the next FROM. */
export interface Stage {
  readonly index: number;
  readonly from: Instruction;
  /** The image as written and where it starts in the FROM arguments. */
  readonly image: string;
  readonly imageOffset: number;
  /** After ARG substitution; undefined when a build argument has no default. */
  readonly resolved?: string;
  /** The `AS name`, lower-cased. */
  readonly name?: string;
  /** The earlier stage this one builds on, when it names one. */
  readonly parent?: Stage;
  readonly instructions: readonly Instruction[];
}

/** Splits a Dockerfile into stages, with global ARG defaults applied to FROM images. */
export function readStages(df: Dockerfile): Stage[] {
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  let current: { stage: Omit<Stage, 'instructions'>; instructions: Instruction[] } | undefined;
  const close = () => {
    if (current !== undefined)
      stages.push({ ...current.stage, instructions: current.instructions });
  };
  for (const inst of df.instructions) {
    if (inst.keyword === 'ARG' && current === undefined) {
      for (const a of assignments(inst.rest, df.escapeChar)) globalArgs.set(a.name, a.value);
      continue;
    }
    if (inst.keyword !== 'FROM') {
      current?.instructions.push(inst);
      continue;
    }
    close();
    const words = splitWords(inst.rest, df.escapeChar);
    const image = words[0];
    const as = words[1]?.value.toLowerCase() === 'as' ? words[2]?.value.toLowerCase() : undefined;
    const resolved = image === undefined ? undefined : substitute(image.value, globalArgs);
    const parent =
      resolved === undefined ? undefined : stages.find((s) => s.name === resolved.toLowerCase());
    current = {
      stage: {
        index: stages.length,
        from: inst,
        image: image?.value ?? '',
        imageOffset: inst.restOffset + (image?.offset ?? 0),
        ...(resolved === undefined ? {} : { resolved }),
        ...(as === undefined ? {} : { name: as }),
        ...(parent === undefined ? {} : { parent }),
      },
      instructions: [],
    };
  }
  close();
  return stages;
}
