import { loadConfig } from '@app/config';

/** Replicas may run different models for one poll interval: the config refuses anything over 30 s. */
describe('CLASSIFIER_POLL_SECONDS', () => {
  const load = (value?: string) => loadConfig({ NODE_ENV: 'development', ...(value === undefined ? {} : { CLASSIFIER_POLL_SECONDS: value }) });

  it('defaults to 15 s and accepts up to 30 s, fractions included', () => {
    expect(load().classifierPollSeconds).toBe(15);
    expect(load('30').classifierPollSeconds).toBe(30);
    expect(load('0.5').classifierPollSeconds).toBe(0.5);
  });

  it.each(['31', '0', '-1', 'soon'])('names the variable when it is %s', (bad) => {
    expect(() => load(bad)).toThrow(/CLASSIFIER_POLL_SECONDS.*must be a number of seconds in \(0, 30\]/);
  });
});
