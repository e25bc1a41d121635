import { testDatabases } from '../support/test-db';

describe('test database selection', () => {
  const saved = { CI: process.env.CI, TEST_DATABASE_URL: process.env.TEST_DATABASE_URL };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('refuses to skip PostgreSQL silently in CI', () => {
    process.env.CI = 'true';
    delete process.env.TEST_DATABASE_URL;
    expect(() => testDatabases()).toThrow(/TEST_DATABASE_URL/);
  });

  it('runs SQLite always and PostgreSQL when a URL is given', () => {
    delete process.env.CI;
    delete process.env.TEST_DATABASE_URL;
    expect(testDatabases().map((d) => d.dialect)).toEqual(['sqlite']);
    process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
    expect(testDatabases().map((d) => d.dialect)).toEqual(['sqlite', 'postgres']);
  });
});
