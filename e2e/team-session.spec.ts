import { randomUUID } from 'node:crypto';
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN, apiAs, createUser, csrfOf, expect, signIn, type TestUser } from './support/accounts';

/** Screenshots of the shared session and the manager page, looked at by a person after each change. */
const SHOTS = 'test-results/screenshots';
const PHONE = { width: 375, height: 812 };

interface TeamCast {
  lead: TestUser;
  ana: TestUser;
  ben: TestUser;
  listId: string;
  listName: string;
  contacts: string[];
}

async function expectStatus(response: { status(): number; text(): Promise<string> }, status: number) {
  expect(response.status(), await response.text()).toBe(status);
}

/**
 * A team made by the admin — a lead (a manager) and two callers — with one list of six contacts the
 * lead put on it. Everything through the API: the journey starts at the session.
 */
async function castTeam(): Promise<TeamCast> {
  const tag = randomUUID().slice(0, 6);
  const [lead, ana, ben] = await Promise.all([
    createUser({ role: 'manager', name: `Léa Lead ${tag}` }),
    createUser({ name: `Ana Appel ${tag}` }),
    createUser({ name: `Ben Appel ${tag}` }),
  ]);
  const admin = await apiAs(ADMIN);
  const listName = `Relance ${tag}`;
  let listId: string;
  try {
    const team = await admin.post('/api/teams', { name: `Équipe ${tag}` });
    await expectStatus(team, 201);
    const teamId = ((await team.json()) as { id: string }).id;
    for (const [member, role] of [
      [lead, 'lead'],
      [ana, 'member'],
      [ben, 'member'],
    ] as const) {
      await expectStatus(await admin.post(`/api/teams/${teamId}/members`, { userId: member.id, role }), 200);
    }
    const list = await admin.post('/api/lists', { name: listName, teamId, cooldownMinutes: 0 });
    await expectStatus(list, 201);
    listId = ((await list.json()) as { id: string }).id;
  } finally {
    await admin.dispose();
  }

  const leadApi = await apiAs(lead);
  const contacts: string[] = [];
  try {
    const callIds: string[] = [];
    for (const [index, first] of ['Alice', 'Bruno', 'Chloé', 'Damien', 'Emma', 'Fabien'].entries()) {
      const lastName = `Liste${tag}`;
      const call = await leadApi.post('/api/calls', { firstName: first, lastName, phone: `06123456${index}${index}` });
      await expectStatus(call, 201);
      callIds.push(((await call.json()) as { id: string }).id);
      contacts.push(`${first} ${lastName}`);
    }
    await expectStatus(await leadApi.post(`/api/lists/${listId}/calls`, { callIds }), 200);
  } finally {
    await leadApi.dispose();
  }
  return { lead, ana, ben, listId, listName, contacts };
}

/** A browser of its own for `user`, phone-sized, in their language. */
async function callerPage(browser: Browser, user: TestUser, language: 'fr' | 'en'): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport: PHONE, locale: language === 'fr' ? 'fr-FR' : 'en-GB' });
  const page = await context.newPage();
  await signIn(page, user);
  if (language === 'en') {
    const response = await page.request.patch('/api/me', {
      data: { language: 'en' },
      headers: { 'x-csrf-token': await csrfOf(page.request) },
    });
    await expectStatus(response, 200);
  }
  return [context, page];
}

const contactHeading = (page: Page) => page.getByRole('heading', { level: 2 });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Takes the screenshot in the theme on screen, flips the theme from the header, and takes the other. */
async function shootBothThemes(page: Page, name: string, first: 'light' | 'dark') {
  await shoot(page, `${name}-${first}`);
  await page.getByRole('button', { name: /thème|theme/i }).click();
  const html = expect(page.locator('html'));
  await (first === 'light' ? html.toHaveClass(/\bdark\b/) : html.not.toHaveClass(/\bdark\b/));
  await shoot(page, `${name}-${first === 'light' ? 'dark' : 'light'}`);
}

test.describe('A team list called by two callers at once (/session?listId=)', () => {
  test.describe.configure({ timeout: 150_000 });

  test('two callers work the same list and are never handed the same contact', async ({ browser }) => {
    const cast = await castTeam();
    const [anaContext, ana] = await callerPage(browser, cast.ana, 'fr');
    const [benContext, ben] = await callerPage(browser, cast.ben, 'en');
    try {
      // Ana picks the list on the session's start screen.
      await ana.goto('/session');
      await expect(ana.getByLabel('Liste d’équipe')).toContainText(`${cast.listName} — `);
      await ana.getByLabel('Liste d’équipe').selectOption(cast.listId);
      await ana.getByRole('button', { name: 'Démarrer sur cette liste' }).click();
      await expect(ana).toHaveURL(new RegExp(`/session\\?listId=${cast.listId}`));
      await expect(contactHeading(ana)).toHaveText(new RegExp(cast.contacts.join('|')));
      const anaFirst = (await contactHeading(ana).textContent()) ?? '';
      await expect(ana.getByText(/Réservé encore \d+ min/)).toBeVisible();

      // Ben, on the same list, gets someone else.
      await ben.goto(`/session?listId=${cast.listId}`);
      await expect(contactHeading(ben)).toHaveText(new RegExp(cast.contacts.join('|')));
      const benFirst = (await contactHeading(ben).textContent()) ?? '';
      expect(benFirst).not.toBe(anaFirst);

      // Each sees the other on the list, and whom they are calling (live, or at the next poll).
      await expect(ana.getByTestId('list-presence')).toContainText(`${cast.ben.name} appelle ${benFirst}`, {
        timeout: 30_000,
      });
      await expect(ben.getByTestId('list-presence')).toContainText(`${cast.ana.name} calling ${anaFirst}`, {
        timeout: 30_000,
      });
      await shootBothThemes(ana, 'team-session-fr', 'light');
      await shootBothThemes(ben, 'team-session-en', 'light');

      // Ana logs "no answer" (1, Enter): her next contact is still not Ben's.
      await contactHeading(ana).focus();
      await ana.keyboard.press('1');
      await ana.keyboard.press('Enter');
      await expect(contactHeading(ana)).not.toHaveText(anaFirst);
      await expect(contactHeading(ana)).toHaveText(new RegExp(cast.contacts.join('|')));
      const anaSecond = (await contactHeading(ana).textContent()) ?? '';
      expect(anaSecond).not.toBe(benFirst);

      // Ben logs too, then skips (N): every contact on screen so far was one caller's alone.
      await contactHeading(ben).focus();
      await ben.keyboard.press('4');
      await ben.keyboard.press('Enter');
      await expect(contactHeading(ben)).not.toHaveText(benFirst);
      const benSecond = (await contactHeading(ben).textContent()) ?? '';
      expect(new Set([anaFirst, benFirst, anaSecond, benSecond]).size).toBe(4);
      await ben.keyboard.press('n');
      await expect(contactHeading(ben)).not.toHaveText(benSecond);
      const benThird = (await contactHeading(ben).textContent()) ?? '';
      expect(benThird).not.toBe(anaSecond);
      await expect(ben.getByText('1 logged, 1 skipped this session')).toBeVisible();

      // Ending the session gives Ben's contact back: Ana no longer sees him on the list.
      await ben.getByRole('link', { name: 'End the session' }).click();
      await expect(ben).toHaveURL(/\/session$/);
      await expect(ana.getByText('Personne d’autre n’appelle sur cette liste pour l’instant.')).toBeVisible({
        timeout: 30_000,
      });
    } finally {
      await anaContext.close();
      await benContext.close();
    }
  });

  test('the lead sees on /team who is calling whom right now', async ({ browser }) => {
    const cast = await castTeam();
    const [anaContext, ana] = await callerPage(browser, cast.ana, 'fr');
    const [benContext, ben] = await callerPage(browser, cast.ben, 'fr');
    const [leadContext, lead] = await callerPage(browser, cast.lead, 'fr');
    try {
      await ana.goto(`/session?listId=${cast.listId}`);
      await expect(contactHeading(ana)).toHaveText(new RegExp(cast.contacts.join('|')));
      const anaContact = (await contactHeading(ana).textContent()) ?? '';
      await ben.goto(`/session?listId=${cast.listId}`);
      await expect(contactHeading(ben)).toHaveText(new RegExp(cast.contacts.join('|')));
      const benContact = (await contactHeading(ben).textContent()) ?? '';

      await lead.goto('/team');
      const live = lead.getByTestId('team-live');
      await expect(live).toContainText(`${cast.ana.name} appelle ${anaContact}`, { timeout: 30_000 });
      await expect(live).toContainText(`${cast.ben.name} appelle ${benContact}`, { timeout: 30_000 });
      await expect(lead.getByRole('heading', { name: 'Listes d’appels' })).toBeVisible();
      await expect(lead.getByRole('heading', { name: cast.listName })).toBeVisible();
      await shootBothThemes(lead, 'team-report-fr', 'light');

      await lead.request.patch('/api/me', {
        data: { language: 'en' },
        headers: { 'x-csrf-token': await csrfOf(lead.request) },
      });
      await lead.reload();
      await expect(lead.getByTestId('team-live')).toContainText(`${cast.ben.name} calling ${benContact}`);
      await shootBothThemes(lead, 'team-report-en', 'dark');

      // A caller who leads no team is told the page is not for them.
      await ana.goto('/team');
      await expect(ana.getByRole('heading', { name: 'Réservé aux responsables d’équipe' })).toBeVisible();
    } finally {
      await anaContext.close();
      await benContext.close();
      await leadContext.close();
    }
  });
});
