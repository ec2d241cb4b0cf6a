import { test } from '@playwright/test';
import { createUser, expect, JOURNEY_TIMEOUT, signIn, unique, watchConsole } from './support/app';

test.describe('Today’s calls (/today)', () => {
  test.describe.configure({ timeout: JOURNEY_TIMEOUT });

  test('the day’s attempts are counted per outcome, grouped by hour, with the contact’s file', async ({
    page,
    request,
  }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'today'));
    const first = await api.createCall({ firstName: 'Inès', lastName: unique('Ivry'), phone: '0622334455' });
    const second = await api.createCall({ firstName: 'Jules', lastName: unique('Joinville'), phone: '0622334456' });
    await api.logCall(first.id, { status: 'no_answer', note: 'Pas de réponse au standard' });
    await api.logCall(second.id, { status: 'reached', note: 'Rendez-vous pris' });

    await page.goto('/today');
    await expect(page.getByText('2 appels aujourd’hui')).toBeVisible();
    const counts = page.getByRole('group', { name: 'Appels du jour par résultat' });
    await expect(counts.getByRole('button', { name: /Pas de réponse\s*1/ })).toBeVisible();
    await expect(counts.getByRole('button', { name: /Joint\s*1/ })).toBeVisible();
    await expect(counts.getByRole('button', { name: /Terminé\s*0/ })).toBeDisabled();
    const attempts = page.getByRole('region', { name: 'Appels passés aujourd’hui, par heure' });
    await expect(attempts.getByRole('heading', { name: /À partir de \d\d:00/ }).first()).toBeVisible();
    await expect(attempts.getByText('Pas de réponse au standard')).toBeVisible();
    await expect(page.getByText('1 rappel restant à traiter aujourd’hui.')).toHaveCount(0);

    // One outcome only.
    await counts.getByRole('button', { name: /Joint\s*1/ }).click();
    await expect(attempts.getByText('Rendez-vous pris')).toBeVisible();
    await expect(attempts.getByText('Pas de réponse au standard')).toHaveCount(0);
    await page.getByRole('button', { name: 'Tout afficher' }).click();

    // The contact's file, from the list.
    await attempts.getByRole('button', { name: `Inès ${first.lastName}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Inès ${first.lastName}` });
    await expect(dialog.getByRole('heading', { name: 'Historique des appels' })).toBeVisible();
    await expect(dialog.getByText('Pas de réponse au standard')).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Rappels à venir' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  test('a day without calls says so and points to the calls', async ({ page, request }) => {
    await signIn(page, await createUser(request, 'todayempty'));
    await page.goto('/today');
    await expect(page.getByRole('heading', { name: 'Aucun appel passé aujourd’hui' })).toBeVisible();
    await page.getByRole('link', { name: 'Choisir un contact à appeler' }).click();
    await expect(page).toHaveURL(/\/calls$/);
  });
});
