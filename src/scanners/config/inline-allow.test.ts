import { describe, expect, it } from 'vitest';
import { inlineAllowReason } from './inline-allow.ts';

const lines = [
  '# secflow:allow gha-unpinned-action -- mirrored internally',
  '- uses: org/a@v1',
  '- uses: org/b@v1 # secflow:allow gha-unpinned-action, gha-known-vulnerable-action',
  '- uses: org/c@v1',
  '  run: echo $X # secflow:allow gha-template-injection: reviewed',
  '# secflow:allowed nothing',
  '- uses: org/d@v1',
];

describe('inlineAllowReason', () => {
  it('honours a marker on the line itself, with or without a reason', () => {
    expect(inlineAllowReason(lines, 3, 'gha-known-vulnerable-action')).toBe(
      'secflow:allow gha-known-vulnerable-action at line 3',
    );
    expect(inlineAllowReason(lines, 5, 'gha-template-injection')).toBe('reviewed');
  });

  it('honours a comment-only marker line just before', () => {
    expect(inlineAllowReason(lines, 2, 'gha-unpinned-action')).toBe('mirrored internally');
  });

  it('ignores a trailing marker of the previous line, other ids and look-alikes', () => {
    expect(inlineAllowReason(lines, 4, 'gha-unpinned-action')).toBeUndefined();
    expect(inlineAllowReason(lines, 2, 'gha-template-injection')).toBeUndefined();
    expect(inlineAllowReason(lines, 7, 'gha-unpinned-action')).toBeUndefined();
    expect(inlineAllowReason(lines, 99, 'gha-unpinned-action')).toBeUndefined();
  });
});
