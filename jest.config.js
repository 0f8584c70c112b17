/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // ask-sdk-test registers its conversations with mocha's `it`; under jest that is jest's own.
  moduleNameMapper: { '^mocha$': '<rootDir>/test/support/mocha-shim.js' },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  // A hang guard, not a speed check: suites run on a busy 2-core machine.
  testTimeout: 60000,
};
