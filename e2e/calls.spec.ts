import { test, type Page } from '@playwright/test';
import { createUser, expect, JOURNEY_TIMEOUT, SCREENSHOTS, signIn, toast, unique, watchConsole } from './support/app';

const table = (page: Page) => page.getByRole('table', { name: 'Liste des appels' });
const rowOf = (page: Page, name: string) => table(page).getByRole('row').filter({ hasText: name });
const dialog = (page: Page) => page.getByRole('dialog');

test.describe('All calls (/calls)', () => {
  test.describe.configure({ timeout: JOURNEY_TIMEOUT });

  test('a user filters by status and searches with an accent, reloads, and keeps the view', async ({
    page,
    request,
  }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'filters'));
    const tag = unique('zq');
    await api.createCall({
      firstName: 'Hélène',
      lastName: `Dubois ${tag}`,
      phone: '06 11 22 33 44',
      status: 'callback',
    });
    await api.createCall({
      firstName: 'Helene',
      lastName: `Martin ${tag}`,
      phone: '06 11 22 33 45',
      status: 'to_call',
    });
    await api.createCall({ firstName: 'Zoé', lastName: `Petit ${tag}`, phone: '06 11 22 33 46', status: 'callback' });

    await page.goto('/calls');
    await expect(page.getByRole('heading', { level: 1, name: 'Tous les appels' })).toBeVisible();
    await expect(page.getByText('3 appels')).toBeVisible();

    // Status: "À rappeler" only.
    const filters = page.getByRole('search', { name: 'Filtres' });
    await filters.getByRole('button', { name: /^Statut/ }).click();
    await page.getByRole('group', { name: 'Statut' }).getByText('À rappeler').click();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/status=callback/);
    await expect(page.getByText('2 appels')).toBeVisible();

    // Search with an accent: "hélène" finds Hélène (and would find Helene), the status keeps Martin out.
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('hélène');
    await expect(page).toHaveURL(/q=h%C3%A9l%C3%A8ne/);
    await expect(page.getByText('1 appel', { exact: true })).toBeVisible();
    await expect(rowOf(page, `Hélène Dubois ${tag}`)).toBeVisible();
    await expect(rowOf(page, `Zoé Petit ${tag}`)).toHaveCount(0);
    await expect(rowOf(page, `Helene Martin ${tag}`)).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/calls-filtered.png`, fullPage: true });

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Rechercher' })).toHaveValue('hélène');
    await expect(filters.getByRole('button', { name: /^Statut\s*À rappeler/ })).toBeVisible();
    await expect(rowOf(page, `Hélène Dubois ${tag}`)).toBeVisible();
    await expect(page.getByText('1 appel', { exact: true })).toBeVisible();

    // Without the status, the accent-insensitive search finds both spellings.
    await filters.getByRole('button', { name: /^Statut/ }).click();
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByText('2 appels')).toBeVisible();
    await expect(rowOf(page, `Helene Martin ${tag}`)).toBeVisible();

    // Sorting by name is in the URL too.
    await table(page).getByRole('button', { name: 'Contact', exact: true }).click();
    await expect(page).toHaveURL(/sort=lastName%3Aasc/);
    expect(consoleErrors).toEqual([]);
  });

  test('a user creates a call, edits it, meets a stale edit, deletes it and undoes', async ({ page, request }) => {
    // The stale edit's 412 is the point of the test: the browser logs the failed request, nothing else may.
    const consoleErrors = watchConsole(page, [/status of 412/]);
    const api = await signIn(page, await createUser(request, 'crud'));
    const last = unique('Poulain');
    await page.goto('/calls');
    await expect(page.getByRole('heading', { name: 'Aucun appel pour l’instant' })).toBeVisible();

    // Create — the shared zod schema refuses an empty phone before any request.
    await page.getByRole('button', { name: 'Nouvel appel' }).first().click();
    await expect(dialog(page)).toHaveAttribute('aria-modal', 'true');
    await expect(dialog(page).getByLabel('Prénom')).toBeFocused();
    await dialog(page).getByLabel('Prénom').fill('Amélie');
    await dialog(page).getByLabel('Nom', { exact: true }).fill(last);
    await dialog(page).getByRole('button', { name: 'Créer' }).click();
    await expect(dialog(page).getByText('Ce champ est obligatoire.')).toBeVisible();
    await dialog(page).getByLabel('Téléphone').fill('0612345678');
    await expect(dialog(page).getByText('Sera enregistré comme 06 12 34 56 78')).toBeVisible();
    await dialog(page).getByRole('button', { name: 'Créer' }).click();
    await expect(toast(page, `Amélie ${last} ajouté à vos appels.`)).toBeVisible();
    await expect(dialog(page)).toHaveCount(0);
    await expect(rowOf(page, `Amélie ${last}`)).toBeVisible();
    await expect(rowOf(page, `Amélie ${last}`).getByRole('link', { name: /06 12 34 56 78/ })).toHaveAttribute(
      'href',
      'tel:+33612345678',
    );

    // Edit.
    await rowOf(page, `Amélie ${last}`)
      .getByRole('button', { name: `Autres actions pour Amélie ${last}` })
      .click();
    await page.getByRole('menuitem', { name: 'Modifier' }).click();
    await expect(dialog(page).getByLabel('Prénom')).toHaveValue('Amélie');
    await dialog(page).getByLabel('Description').fill('Première version');
    await dialog(page).getByRole('button', { name: 'Enregistrer' }).click();
    await expect(toast(page, 'Modifications enregistrées.')).toBeVisible();
    await expect(rowOf(page, 'Première version')).toBeVisible();

    // Stale edit: someone else changes the call while the form is open → 412 → the user reloads.
    await rowOf(page, `Amélie ${last}`)
      .getByRole('button', { name: `Autres actions pour Amélie ${last}` })
      .click();
    await page.getByRole('menuitem', { name: 'Modifier' }).click();
    await expect(dialog(page).getByLabel('Description')).toHaveValue('Première version');
    const listed = (await (await page.request.get(`/api/calls?q=${encodeURIComponent(last)}`)).json()) as {
      items: { id: string; version: number }[];
    };
    const call = listed.items[0];
    if (!call) throw new Error('the created call is not listed');
    await api.patchCall(call.id, { description: 'Changé ailleurs' }, call.version);
    await dialog(page).getByLabel('Nom', { exact: true }).fill(`${last}-Durand`);
    await dialog(page).getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog(page).getByRole('alert')).toContainText('Ce contact a été modifié entre-temps');
    await expect(dialog(page).getByLabel('Nom', { exact: true })).toHaveValue(`${last}-Durand`);
    await dialog(page).getByRole('button', { name: 'Recharger la dernière version' }).click();
    await expect(dialog(page).getByLabel('Description')).toHaveValue('Changé ailleurs');
    await expect(dialog(page).getByLabel('Nom', { exact: true })).toHaveValue(last);
    await dialog(page).getByLabel('Nom', { exact: true }).fill(`${last}-Durand`);
    await dialog(page).getByRole('button', { name: 'Enregistrer' }).click();
    await expect(toast(page, 'Modifications enregistrées.').last()).toBeVisible();
    await expect(rowOf(page, `Amélie ${last}-Durand`)).toBeVisible();

    // Delete (the user's settings ask for a confirmation), then undo.
    const name = `Amélie ${last}-Durand`;
    await rowOf(page, name)
      .getByRole('button', { name: `Autres actions pour ${name}` })
      .click();
    await page.getByRole('menuitem', { name: 'Supprimer' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Supprimer ce contact ?' });
    await expect(confirm.getByRole('button', { name: 'Garder' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Supprimer' }).click();
    await expect(toast(page, `${name} supprimé.`)).toBeVisible();
    await expect(rowOf(page, name)).toHaveCount(0);
    await page
      .getByRole('region', { name: 'Notifications de l’application' })
      .getByRole('button', { name: 'Annuler' })
      .click();
    await expect(toast(page, `${name} restauré.`)).toBeVisible();
    await expect(rowOf(page, name)).toBeVisible();

    // With confirmations off, delete goes straight to the undo toast.
    await api.patchSettings({ confirmBeforeDelete: false });
    await page.reload();
    await rowOf(page, name)
      .getByRole('button', { name: `Autres actions pour ${name}` })
      .click();
    await page.getByRole('menuitem', { name: 'Supprimer' }).click();
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(toast(page, `${name} supprimé.`)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Aucun appel pour l’instant' })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('names and notes holding markup render as text', async ({ page, request }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'xss'));
    const payload = '<img src=x onerror="window.__xss=1">';
    const call = await api.createCall({
      firstName: payload,
      lastName: 'Script',
      phone: '0612345679',
      description: '<script>window.__xss=2</script>',
    });
    await api.logCall(call.id, { status: 'reached', note: '<b onmouseover="window.__xss=3">gras</b>' });

    await page.goto('/calls');
    const nameButton = table(page).getByRole('button', { name: `${payload} Script`, exact: true });
    await expect(nameButton).toBeVisible();
    await nameButton.click();
    await expect(dialog(page).getByText('<script>window.__xss=2</script>')).toBeVisible();
    await expect(dialog(page).getByText('<b onmouseover="window.__xss=3">gras</b>')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  test('after dialling a contact, coming back to the tab offers to log that call', async ({ page, request }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'tel'));
    const last = unique('Tel');
    await api.createCall({ firstName: 'Nina', lastName: last, phone: '0698765432' });
    await page.goto('/calls');
    const link = rowOf(page, `Nina ${last}`).getByRole('link', { name: /06 98 76 54 32/ });
    await expect(link).toHaveAttribute('href', 'tel:+33698765432');

    // The phone app takes the focus; keep the headless browser from trying to open it.
    await page.evaluate(() =>
      document.addEventListener(
        'click',
        (event) => (event.target as Element).closest('a[href^="tel:"]') && event.preventDefault(),
        { capture: true },
      ),
    );
    await link.click();
    await page.evaluate(() => {
      window.dispatchEvent(new Event('blur'));
      window.dispatchEvent(new Event('focus'));
    });
    await expect(toast(page, `Enregistrer cet appel ? (Nina ${last})`)).toBeVisible();
    await page
      .getByRole('region', { name: 'Notifications de l’application' })
      .getByRole('button', { name: 'Enregistrer' })
      .click();
    await expect(dialog(page)).toHaveAccessibleName(`Enregistrer l’appel — Nina ${last}`);
    await dialog(page).getByRole('radio', { name: /Joint/ }).click();
    await dialog(page).getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await expect(toast(page, `Appel avec Nina ${last} enregistré : Joint.`)).toBeVisible();
    await expect(rowOf(page, `Nina ${last}`).getByText('Joint')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('dialogs keep the focus inside and give it back on Escape', async ({ page, request }) => {
    const api = await signIn(page, await createUser(request, 'focus'));
    const last = unique('Focus');
    await api.createCall({ firstName: 'Léo', lastName: last, phone: '0612345670' });
    await page.goto('/calls');
    const opener = page.getByRole('button', { name: 'Nouvel appel' }).first();
    await opener.click();
    await expect(dialog(page).getByLabel('Prénom')).toBeFocused();
    // Tab through every control: the focus never leaves the dialog.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(opener).toBeFocused();
  });
});
