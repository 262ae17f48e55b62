/** `npm run bench`: the benchmarks on their own server and database (see global-setup.mjs). */
module.exports = {
  testEnvironment: 'node',
  rootDir: '..',
  roots: ['<rootDir>/bench'],
  testMatch: ['**/*.bench.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  globalSetup: '<rootDir>/bench/global-setup.mjs',
  globalTeardown: '<rootDir>/support/global-teardown.mjs',
  // Benchmarks take minutes; a stuck one is stopped after an hour. No benchmark passes or fails on time.
  testTimeout: 3_600_000,
  maxWorkers: 1,
};
