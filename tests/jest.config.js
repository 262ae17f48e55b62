/** Black-box suites: a real server (server/dist) on a real PostgreSQL. See support/global-setup.mjs. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/api', '<rootDir>/browser', '<rootDir>/admin'],
  testMatch: ['**/*.test.ts'],
  // The load and fault suites saturate the machine (100 writers, stopping PostgreSQL): they run
  // afterwards, one at a time, with jest.stress.config.js (npm test runs both).
  testPathIgnorePatterns: ['/node_modules/', '/api/load\\.test\\.ts$', '/api/faults\\.test\\.ts$'],
  transform: {
    // The admin's own sources (messages) are compiled with swc, as the bundler would: no type check here.
    '/admin/src/.+\\.tsx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true } }, module: { type: 'commonjs' } },
    ],
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(query-string|decode-uri-component|split-on-first|filter-obj)/)'],
  moduleNameMapper: { '^@vocabulary/(.*)$': '<rootDir>/../server/src/vocabulary/$1' },
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '<rootDir>/support/global-teardown.mjs',
  // Only stops a hung test: not a speed requirement (speed lives in `npm run bench`). A shared CI
  // machine at load 14 took 92 s for a startup test that takes 30 s on a quiet one.
  testTimeout: 300_000,
  maxWorkers: 2,
};
