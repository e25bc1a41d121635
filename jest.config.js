// Three suites: the Taro app (jsdom + babel, component stand-ins), the API server (real
// SQLite, and PostgreSQL when TEST_DATABASE_URL is set) and the end-to-end browser tests.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  // A global option (Jest ignores it inside a project): migrating a fresh PostgreSQL schema
  // takes seconds on a busy 2-core machine.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'app',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/app'],
      globals: { MULIN_API_BASE: '', MULIN_TEMPLATE_CASE_STATUS: 'tmpl-case-status', MULIN_TEMPLATE_ACTIVITY_REMINDER: '' },
      transform: { '^.+\\.[jt]sx?$': ['babel-jest', { configFile: './test/app/babel.config.js' }] },
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/app/stubs/components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/app/stubs/taro.ts',
        '^@/(.*)$': '<rootDir>/src/$1',
        '\\.(css|scss)$': '<rootDir>/test/app/stubs/style.ts',
      },
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/server'],
      transform: { '^.+\\.tsx?$': swc },
    },
    {
      displayName: 'e2e',
      // Node's, plus a note when a test fails so phones and servers print what they saw.
      testEnvironment: '<rootDir>/test/support/e2e-environment.ts',
      roots: ['<rootDir>/test/e2e'],
      transform: { '^.+\\.tsx?$': swc },
    },
  ],
};
