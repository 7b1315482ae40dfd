/**
 * `npm run test:e2e`: the specs in test/ against the real PostgreSQL, Redis, SMTP and
 * Chromium, one file at a time (several assert timings that a second file running beside them
 * would disturb). The fault suite has its own config (test/jest-faults.config.js).
 */
const base = require('../jest.config.js');

module.exports = {
  ...base,
  rootDir: '..',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  maxWorkers: 1,
};
