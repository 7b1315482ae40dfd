/**
 * `npm run test:unit`: the unit specs beside the code in apps/ and libs/. Pure functions and
 * in-memory state only, so they run in parallel (two workers: the CI machine has two cores);
 * the e2e specs (test/jest-e2e.config.js) share PostgreSQL and Redis and run one at a time.
 */
const base = require('../jest.config.js');

module.exports = {
  ...base,
  rootDir: '..',
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
  maxWorkers: 2,
};
