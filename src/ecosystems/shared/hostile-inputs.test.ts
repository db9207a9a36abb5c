import { describe, expect, it } from 'vitest';
import { SecflowError } from '../../core/errors.ts';
import { binaryJunk, CLEAN_REFUSAL, refusal, thrownBy } from './hostile-inputs.ts';

describe('hostile-input test helpers', () => {
  it('makes binary junk that is not text once decoded', () => {
    expect(binaryJunk(2048)).toContain('\uFFFD');
    expect(binaryJunk()).not.toBe(binaryJunk(2048));
  });

  it('catches synchronous throws and rejections, and nothing when the call returns', async () => {
    const error = new Error('x');
    expect(
      await thrownBy(() => {
        throw error;
      }),
    ).toBe(error);
    expect(await thrownBy(() => Promise.reject(error))).toBe(error);
    expect(await thrownBy(() => 1)).toBeUndefined();
  });

  it('accepts only an input error naming the file as a clean refusal', () => {
    expect(refusal(new SecflowError('input', 'a.lock: bad'), 'a.lock')).toEqual(CLEAN_REFUSAL);
    expect(refusal(new SecflowError('internal', 'a.lock: bad'), 'a.lock')).not.toEqual(
      CLEAN_REFUSAL,
    );
    expect(refusal(new SecflowError('input', 'b.lock: bad'), 'a.lock')).not.toEqual(CLEAN_REFUSAL);
    expect(refusal(undefined, 'a.lock')).toEqual({ inputError: false, namesFile: false });
  });
});
