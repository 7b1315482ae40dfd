import { DutyCyclePacer } from './duty-cycle-pacer';

describe('DutyCyclePacer', () => {
  it('is due at first', () => {
    expect(new DutyCyclePacer(0.1).isDue(0)).toBe(true);
  });

  it('waits nine times a run for a 10 % share', () => {
    const pacer = new DutyCyclePacer(0.1);
    pacer.ran(1_000, 1_200);
    expect(pacer.isDue(1_200 + 1_799)).toBe(false);
    expect(pacer.isDue(1_200 + 1_800)).toBe(true);
  });

  it('a quick run leaves the next one due almost at once', () => {
    const pacer = new DutyCyclePacer(0.1);
    pacer.ran(5_000, 5_010);
    expect(pacer.isDue(5_100)).toBe(true);
  });

  it('a full share never waits', () => {
    const pacer = new DutyCyclePacer(1);
    pacer.ran(0, 10_000);
    expect(pacer.isDue(10_000)).toBe(true);
  });

  it('rejects a share outside (0, 1]', () => {
    expect(() => new DutyCyclePacer(0)).toThrow(RangeError);
    expect(() => new DutyCyclePacer(1.5)).toThrow(RangeError);
  });
});
