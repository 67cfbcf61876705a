import type { Config } from 'jest';

// One jest project per package. Tests run as native ESM (node --experimental-vm-modules), so ESM-only
// dependencies (msw's, jose, openapi-fetch) load as they are, with no transform allow-list to maintain.
// ts-jest only transpiles; `tsc -b` is the type check.
const project = (name: string, overrides: Partial<Config> = {}): Config => ({
  displayName: name,
  rootDir: `<rootDir>/${name}`,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: `<rootDir>/tsconfig.json` }] },
  testMatch: ['<rootDir>/**/*.test.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...overrides,
});

const config: Config = {
  projects: [
    project('sdk'),
    project('services'),
    project('scripts'),
    // The tab renders in jsdom with the exact React, MUI, router and react-query versions TapisUI runs.
    project('plugin', {
      testEnvironment: '<rootDir>/test/environment.cjs',
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/e2e/'],
    }),
  ],
  reporters: ['default', '<rootDir>/scripts/jest/summary-reporter.cjs'],
  testTimeout: 60_000,
};

export default config;
