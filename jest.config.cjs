'use strict';
// Test tiers by suffix (STYLE.md): unit (pure, no servers), int (real PostgreSQL,
// Redis and Kafka — never mocked) and e2e (the whole system as real processes).
const swcOptions = require('./tools/runtime/swc-options.cjs');

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/.cache/', '/.run/'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  // Jest 30 reads testTimeout only at the top level (not per project): the int and e2e
  // tiers talk to real servers, so give every test room; unit tests finish in ms anyway.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.cjs',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.cjs',
    },
  ],
};
