/**
 * `npm run test:faults`: the fault suite (issue 6). Each scenario runs the real apps as child
 * processes (`node var/build/faults/…/main.js`, compiled once in globalSetup) against the
 * real PostgreSQL and Redis, breaks something, and checks that every accepted complaint was
 * processed exactly once and no email was sent twice. Kept out of `npm test` (the root
 * config ignores /test/faults/) because it runs for several minutes.
 */
const { swc, moduleNameMapper } = require('../jest.config.js')._shared;

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/var/'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  testTimeout: 180_000,
  maxWorkers: 1,
  // Child processes are killed in afterAll; a scenario that failed half-way must not hang the run.
  forceExit: true,
};
