import os from 'node:os';
import { defineConfig } from 'vitest/config';

// unit: pure rules, no database. api: the server through app.inject on a real database
// (PGlite by default; PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    // An API test spends much of its time waiting for the database and for its own timers: one worker more than
    // there are cores keeps them busy (the default, one fewer, is a single worker on a two-core machine).
    maxWorkers: os.availableParallelism() + 1,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/shared/src/**/*.test.ts',
            'apps/server/src/**/*.unit.test.ts',
            'apps/web/src/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/server/src/**/*.api.test.ts'],
          // migrates and seeds one template database per run; each test file starts from a copy of it
          globalSetup: ['apps/server/test/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // test files share a worker's loaded modules (the server's import graph is seconds per file); each file
          // still gets its own database and server
          isolate: false,
        },
      },
    ],
  },
});
