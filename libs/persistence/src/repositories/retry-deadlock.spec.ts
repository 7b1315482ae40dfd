import { retryOnDeadlock } from './retry-deadlock';

describe('retryOnDeadlock', () => {
  const deadlock = () => Object.assign(new Error('deadlock detected'), { driverError: { code: '40P01' } });

  it('runs the statement again after a deadlock', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(() => (++calls < 3 ? Promise.reject(deadlock()) : Promise.resolve('written')));
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('gives up after three attempts, with the deadlock error', async () => {
    let calls = 0;
    await expect(retryOnDeadlock(() => (++calls, Promise.reject(deadlock())))).rejects.toThrow('deadlock detected');
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(retryOnDeadlock(() => (++calls, Promise.reject(unique)))).rejects.toThrow('duplicate key');
    expect(calls).toBe(1);
  });
});
