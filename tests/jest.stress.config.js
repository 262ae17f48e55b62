/**
 * The load and fault suites (issue 9): each starts its own PostgreSQL and server, so no global
 * setup; run one at a time after the other suites, so that neither starves them nor is starved.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS Jest config extending the main one
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/api'],
  testMatch: ['**/api/load.test.ts', '**/api/faults.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
  testTimeout: 300_000,
};
