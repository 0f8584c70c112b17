/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // ask-sdk-test registers its conversations with mocha's `it`; under jest that is jest's own.
  moduleNameMapper: { '^mocha$': '<rootDir>/test/support/mocha-shim.js' },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // A hang guard, not a speed check: suites run on a busy 2-core machine.
  testTimeout: 60000,
  // Jest's default on two cores is one worker; the slow suites (fuzz, campaigns, server
  // processes) spend much of their time waiting on I/O, so two workers overlap them.
  maxWorkers: 2,
};
