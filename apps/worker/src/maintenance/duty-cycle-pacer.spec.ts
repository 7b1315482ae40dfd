import { DutyCyclePacer } from './duty-cycle-pacer';

describe('DutyCyclePacer', () => {
  /** A clock the test moves; each task advances it by how long it "takes". */
  function paced(share: number) {
    let clock = 1_000;
    const pacer = new DutyCyclePacer(share, () => clock);
    const runs: number[] = [];
    const task = (took: number) => (startedAt: number) => {
      runs.push(startedAt);
      clock += took;
      return Promise.resolve('done');
    };
    return { pacer, runs, task, advance: (ms: number) => (clock += ms) };
  }

  it('runs at once the first time and returns the result', async () => {
    const { pacer, task } = paced(0.1);
    expect(await pacer.run(task(200))).toBe('done');
  });

  it('after a 200 ms run at a 10 % share, skips for 1,800 ms', async () => {
    const { pacer, runs, task, advance } = paced(0.1);
    await pacer.run(task(200));
    advance(1_799);
    expect(await pacer.run(task(200))).toBeUndefined();
    advance(1);
    expect(await pacer.run(task(200))).toBe('done');
    expect(runs).toEqual([1_000, 3_000]);
  });

  it('paces a run that failed as well', async () => {
    const { pacer, task, advance } = paced(0.5);
    await expect(
      pacer.run(() => {
        advance(100);
        return Promise.reject(new Error('boom'));
      }),
    ).rejects.toThrow('boom');
    expect(await pacer.run(task(10))).toBeUndefined();
    advance(100);
    expect(await pacer.run(task(10))).toBe('done');
  });

  it('a full share never waits', async () => {
    const { pacer, task } = paced(1);
    await pacer.run(task(10_000));
    expect(await pacer.run(task(1))).toBe('done');
  });

  it('rejects a share outside (0, 1]', () => {
    expect(() => new DutyCyclePacer(0)).toThrow(RangeError);
    expect(() => new DutyCyclePacer(1.5)).toThrow(RangeError);
  });
});
