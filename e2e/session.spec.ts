import { test } from '@playwright/test';
import { createUser, expect, JOURNEY_TIMEOUT, SCREENSHOTS, signIn, toast, unique, watchConsole } from './support/app';

test.describe('Call session (/session)', () => {
  test.describe.configure({ timeout: JOURNEY_TIMEOUT });

  test('a caller works through a due reminder and three contacts with the keyboard only', async ({ page, request }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'session'));
    const tag = unique('Sess');
    const due = await api.createCall({ firstName: 'Rappel', lastName: `Dû ${tag}`, phone: '0633445566' });
    await api.createReminder({
      callId: due.id,
      scheduledAt: new Date(Date.now() - 15 * 60_000).toISOString(),
      allowPast: true,
    });
    const contacts = [];
    for (const [index, first] of ['Anne', 'Basile', 'Chloé'].entries()) {
      contacts.push(
        await api.createCall({
          firstName: first,
          lastName: `${String.fromCharCode(65 + index)} ${tag}`,
          phone: `063344557${index}`,
        }),
      );
    }
    const heading = page.getByRole('heading', { level: 2 });

    // From /calls, filtered on this test's contacts: the session keeps the filter.
    await page.goto(`/calls?q=${encodeURIComponent(tag)}&sort=lastName%3Aasc`);
    await page.getByRole('link', { name: 'Démarrer une session' }).click();
    await expect(page).toHaveURL(/\/session\?q=/);

    // The due reminder comes first. S then 2: snoozed for an hour (two keystrokes).
    await expect(heading).toHaveText(`Rappel Dû ${tag}`);
    // The page focuses the contact once it is live: from then on the single keys work.
    await expect(heading).toBeFocused();
    await expect(page.getByText('Contact 1 sur 4')).toBeVisible();
    await page.keyboard.press('s');
    await expect(page.getByRole('dialog', { name: `Reporter Rappel Dû ${tag}` })).toBeVisible();
    await page.keyboard.press('2');
    await expect(toast(page, new RegExp(`Rappel de Rappel Dû ${tag} reporté`))).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Anne: "1" (no answer) then Enter — logged, and the next contact is on screen.
    await expect(heading).toHaveText(`Anne A ${tag}`);
    await page.screenshot({ path: `${SCREENSHOTS}/session-light.png`, fullPage: true });
    await page.keyboard.press('1');
    await expect(page.getByRole('radio', { name: /Pas de réponse/ })).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText(`Basile B ${tag}`);

    // Basile: "4" (reached), a note typed straight away, Enter.
    await page.keyboard.press('4');
    await page.keyboard.type('Intéressé, devis à envoyer');
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText(`Chloé C ${tag}`);

    // Chloé: ? shows the shortcuts, Escape closes them; E opens the edit form, Escape closes it; then 7, Enter.
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Raccourcis clavier' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.keyboard.press('e');
    await expect(page.getByRole('dialog', { name: 'Modifier le contact' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.keyboard.press('7');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Session terminée' })).toBeVisible();
    await expect(page.getByText('3 appels enregistrés, 0 passé, 1 reporté.')).toBeVisible();

    const [anne, basile, chloe] = await Promise.all(contacts.map((call) => api.getCall(call.id)));
    expect(anne?.status).toBe('no_answer');
    expect(anne?.nextReminderAt).not.toBeNull();
    expect(basile?.status).toBe('reached');
    expect(basile?.history[0]?.note).toBe('Intéressé, devis à envoyer');
    expect(chloe?.status).toBe('done');
    expect(consoleErrors).toEqual([]);
  });

  test('N skips and P goes back without logging anything', async ({ page, request }) => {
    const api = await signIn(page, await createUser(request, 'skip'));
    const tag = unique('Skip');
    await api.createCall({ firstName: 'Un', lastName: `A ${tag}`, phone: '0644556677' });
    await api.createCall({ firstName: 'Deux', lastName: `B ${tag}`, phone: '0644556678' });
    const heading = page.getByRole('heading', { level: 2 });

    await page.goto(`/session?q=${encodeURIComponent(tag)}&sort=lastName%3Aasc`);
    await expect(heading).toHaveText(`Un A ${tag}`);
    await expect(heading).toBeFocused();
    await page.keyboard.press('n');
    await expect(heading).toHaveText(`Deux B ${tag}`);
    await page.keyboard.press('p');
    await expect(heading).toHaveText(`Un A ${tag}`);
    await expect(heading).toBeFocused();
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await expect(page.getByText('0 appel enregistré, 2 passés, 0 reporté.')).toBeVisible();
  });
});
