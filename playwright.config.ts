import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys against servers that are already running (the test script / CI starts the API and
 * `next start`; there is no webServer block). Debian's Chromium, since `playwright install` cannot
 * download browsers here.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Generous: on a 2-core CI machine a full-page screenshot or an axe scan of a long page can take 20 s.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: process.env.E2E_BASE_URL || 'http://127.0.0.1:3000',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // Only loopback resolves: the app must never reach out to the internet.
            '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
          ],
        },
      },
    },
  ],
});
