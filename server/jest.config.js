/**
 * Unit and persistence specs next to the code. ts-jest for TypeScript, @swc/jest for the
 * ESM-only @nestjs packages and pg-boss with its ESM-only dependencies (see STACK.md), and a real
 * PostgreSQL from jest.global-setup.mjs.
 */
module.exports = {
  testEnvironment: 'node',
  rootDir: 'src',
  testRegex: '.*\\.spec\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|pg-boss|serialize-error|non-error)/)'],
  globalSetup: '<rootDir>/../jest.global-setup.mjs',
  globalTeardown: '<rootDir>/../jest.global-teardown.mjs',
  testTimeout: 30000,
};
