import { randomUUID } from 'node:crypto';
import { test, type Page } from '@playwright/test';
import {
  ADMIN,
  apiAs,
  createUser,
  csrfOf,
  expect,
  mainNav,
  seriousViolations,
  signIn,
  watchConsole,
} from './support/accounts';

/** The teams pages' screenshots (looked at by whoever changes them), apart from the older pages'. */
const SHOTS = 'test-results/screenshots/teams';
const PHONE = { width: 375, height: 812 };

async function setLanguage(page: Page, language: 'fr' | 'en') {
  const response = await page.request.patch('/api/me', {
    data: { language },
    headers: { 'x-csrf-token': await csrfOf(page.request) },
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((value) => localStorage.setItem('ct-theme', value), theme);
}

test('an admin builds a team, its lead fills a list from a /calls filter and assigns two contacts', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const tag = `Eq${randomUUID().slice(0, 6)}`;
  const lead = await createUser({ role: 'manager', name: `Léa Chef ${tag}` });
  const member = await createUser({ name: `Marc Membre ${tag}` });
  const colleague = await createUser({ name: `Nina Nouvelle ${tag}` });
  const teamName = `Équipe ${tag}`;
  const listName = `Relance ${tag}`;

  // The admin creates the team and adds its lead and a member, picking each account by e-mail.
  const adminErrors = watchConsole(page);
  await signIn(page, ADMIN);
  await page.goto('/admin/teams');
  await expect(page.getByRole('link', { name: 'Équipes' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('button', { name: 'Nouvelle équipe' }).first().click();
  const create = page.getByRole('dialog', { name: 'Nouvelle équipe' });
  await create.getByLabel('Nom de l’équipe').fill(teamName);
  await create.getByRole('button', { name: 'Créer l’équipe' }).click();
  await expect(page).toHaveURL(/\/admin\/teams\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 2, name: teamName })).toBeVisible();

  for (const [person, role] of [
    [lead, 'lead'],
    [member, 'member'],
  ] as const) {
    await page.getByRole('button', { name: 'Ajouter un membre' }).click();
    const add = page.getByRole('dialog', { name: 'Ajouter un membre' });
    await add.getByLabel('Rechercher un compte').fill(person.email);
    await add.getByRole('radio', { name: new RegExp(person.email) }).check();
    await add.getByLabel('Rôle dans l’équipe').selectOption(role);
    await add.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect(add).toBeHidden();
  }
  const members = page.getByRole('table', { name: 'Membres de l’équipe' });
  await expect(members.getByRole('row').filter({ hasText: lead.name })).toContainText('Chef d’équipe');
  await expect(members.getByRole('row').filter({ hasText: member.name })).toContainText('Membre');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/admin-team-light.png`, fullPage: true });
  expect(adminErrors).toEqual([]);

  // The lead's own contacts, to be put on the team's list.
  const leadApi = await apiAs(lead);
  for (const firstName of ['Alice', 'Bruno', 'Chloé']) {
    const response = await leadApi.post('/api/calls', { firstName, lastName: tag, phone: '0612345678' });
    expect(response.status(), await response.text()).toBe(201);
  }
  await leadApi.dispose();

  const context = await browser.newContext();
  const leadPage = await context.newPage();
  const leadErrors = watchConsole(leadPage);
  await signIn(leadPage, lead);

  // The lead creates a list on the team.
  await leadPage.goto('/lists');
  await expect(mainNav(leadPage).getByRole('link', { name: 'Listes' })).toHaveAttribute('aria-current', 'page');
  await expect(leadPage.getByRole('region', { name: teamName })).toContainText('Pas encore de liste');
  await leadPage.getByRole('button', { name: 'Nouvelle liste' }).click();
  const listForm = leadPage.getByRole('dialog', { name: 'Nouvelle liste d’appels' });
  await listForm.getByLabel('Nom de la liste').fill(listName);
  await expect(listForm.getByLabel('Équipe')).toHaveValue(/[0-9a-f-]{36}/);
  await listForm.getByRole('button', { name: 'Créer la liste' }).click();
  await expect(leadPage).toHaveURL(/\/lists\/[0-9a-f-]{36}$/);
  const listUrl = leadPage.url();
  await expect(leadPage.getByRole('heading', { level: 2, name: listName })).toBeVisible();

  // From /calls, everything the search finds goes on the list.
  await leadPage.goto(`/calls?q=${tag}`);
  await expect(leadPage.getByText('3 appels', { exact: true })).toBeVisible();
  await leadPage.getByRole('button', { name: 'Ajouter les 3 résultats à une liste' }).click();
  const addDialog = leadPage.getByRole('dialog', { name: 'Ajouter les 3 appels filtrés à une liste' });
  await addDialog.getByLabel('Liste').selectOption({ label: `${listName} · ${teamName}` });
  await addDialog.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(addDialog).toBeHidden();
  await expect(leadPage.getByRole('status').filter({ hasText: `3 appels ajoutés à « ${listName} ».` })).toBeVisible();

  // On the list, two contacts go to the member in one go; the third stays free.
  await leadPage.goto(listUrl);
  const contacts = leadPage.getByRole('table', { name: 'Contacts de la liste' });
  await expect(contacts.getByRole('row')).toHaveCount(4);
  await contacts.getByRole('checkbox', { name: `Sélectionner Alice ${tag}` }).check();
  await contacts.getByRole('checkbox', { name: `Sélectionner Bruno ${tag}` }).check();
  await leadPage.getByRole('button', { name: 'Assigner à…' }).click();
  const assign = leadPage.getByRole('dialog', { name: 'Assigner 2 contacts' });
  await assign.getByLabel('Membre').selectOption({ label: member.name });
  await assign.getByRole('button', { name: 'Assigner', exact: true }).click();
  await expect(assign).toBeHidden();
  await expect(contacts.getByRole('row').filter({ hasText: `Alice ${tag}` })).toContainText(member.name);
  await expect(contacts.getByRole('row').filter({ hasText: `Bruno ${tag}` })).toContainText(member.name);
  await expect(contacts.getByRole('row').filter({ hasText: `Chloé ${tag}` })).toContainText('Personne');
  await expect(
    leadPage.getByRole('table', { name: 'Par membre' }).getByRole('row').filter({ hasText: member.name }),
  ).toContainText('2');

  // The new pages, on a phone, in both languages and both themes: no serious a11y violation, no overflow.
  await leadPage.setViewportSize(PHONE);
  const teamUrl = page.url();
  const pages = [
    { name: 'lists', url: '/lists', ready: () => leadPage.getByRole('link', { name: listName }) },
    {
      name: 'list',
      url: listUrl,
      ready: () =>
        leadPage
          .getByRole('table', { name: /Contacts/ })
          .getByRole('row')
          .nth(3),
    },
    { name: 'calls', url: `/calls?q=${tag}`, ready: () => leadPage.getByRole('checkbox').first() },
    { name: 'team', url: teamUrl, ready: () => leadPage.getByRole('table').getByRole('row').nth(2) },
  ];
  for (const language of ['fr', 'en'] as const) {
    await setLanguage(leadPage, language);
    for (const theme of ['light', 'dark'] as const) {
      for (const shot of pages) {
        await leadPage.goto(shot.url);
        await setTheme(leadPage, theme);
        await leadPage.reload();
        await expect(shot.ready()).toBeVisible();
        await expect(leadPage.locator('[aria-busy="true"]')).toHaveCount(0);
        expect(await leadPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        expect(await seriousViolations(leadPage), `${shot.name} ${language} ${theme}`).toEqual([]);
        await leadPage.screenshot({ path: `${SHOTS}/${shot.name}-${language}-${theme}-375.png`, fullPage: true });
      }
    }
  }

  // The lead takes Chloé off the list (the page is in English now): she is the lead's personal call again.
  await leadPage.goto(listUrl);
  const onList = leadPage.getByRole('table', { name: 'Contacts of the list' });
  await expect(onList.getByRole('row')).toHaveCount(4);
  await onList.getByRole('checkbox', { name: `Select Chloé ${tag}` }).check();
  await leadPage.getByRole('button', { name: 'Take off the list' }).click();
  const remove = leadPage.getByRole('alertdialog', { name: 'Take 1 contact off the list?' });
  await expect(remove).toContainText('its open callbacks go back to its owner');
  await leadPage.screenshot({ path: `${SHOTS}/list-remove-en-dark-375.png` });
  await remove.getByRole('button', { name: 'Take off the list' }).click();
  await expect(remove).toBeHidden();
  await expect(leadPage.getByText('1 contact taken off the list.')).toBeVisible();
  await expect(onList.getByRole('row')).toHaveCount(3);
  await expect(onList).not.toContainText(`Chloé ${tag}`);
  const own = await leadPage.request.get(`/api/calls?q=${encodeURIComponent(`Chloé ${tag}`)}`);
  expect(own.status()).toBe(200);
  expect(((await own.json()) as { items: { listId: string | null }[] }).items).toEqual([
    expect.objectContaining({ listId: null }),
  ]);

  // The lead (a manager, who sees no directory of accounts) adds a colleague by typing her exact e-mail.
  await leadPage.goto(teamUrl);
  await leadPage.getByRole('button', { name: 'Add a member' }).click();
  const add = leadPage.getByRole('dialog', { name: 'Add a member' });
  await add.getByLabel('Search for an account').fill(colleague.email.slice(0, 8));
  await expect(add.getByRole('radio', { name: new RegExp(colleague.name) })).toHaveCount(0);
  await add.getByLabel('Search for an account').fill(colleague.email.toUpperCase());
  await add.getByRole('radio', { name: new RegExp(colleague.name) }).check();
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();
  await expect(
    leadPage.getByRole('table', { name: 'Team members' }).getByRole('row').filter({ hasText: colleague.name }),
  ).toContainText('Member');

  expect(leadErrors).toEqual([]);
  await context.close();
});
