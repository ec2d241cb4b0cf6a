import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          root: './apps/api',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/helpers/global-setup.ts'],
          setupFiles: ['./test/helpers/setup.ts'],
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // Pure modules of the web app (formatting in the user's zone, URL state); no browser needed.
      // Its own sequence group: vitest refuses two projects with different maxWorkers in one group.
      {
        test: { name: 'web', root: './apps/web', include: ['test/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 1 } },
      },
    ],
  },
});
