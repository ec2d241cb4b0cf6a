import { test } from '@playwright/test';
import {
  createUser,
  expect,
  expectNoOverflow,
  JOURNEY_TIMEOUT,
  SCREENSHOTS,
  signIn,
  toast,
  unique,
  watchConsole,
} from './support/app';

const WIDTH = 375;

test.describe('on a 375 px phone', () => {
  test.describe.configure({ timeout: JOURNEY_TIMEOUT });

  test.use({ viewport: { width: WIDTH, height: 780 }, hasTouch: true });

  test('calls, reminders, today and the session fit the screen and work', async ({ page, request }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'mobile'));
    const tag = unique('Mob');
    const call = await api.createCall({
      firstName: 'Maëlle',
      lastName: tag,
      phone: '0655443322',
      description: 'Préfère être appelée le matin',
    });
    const other = await api.createCall({ firstName: 'Noé', lastName: tag, phone: '0655443323' });
    await api.createReminder({
      callId: other.id,
      scheduledAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      allowPast: true,
      priority: 'urgent',
    });

    // /calls: the table's rows laid out as cards, its header row hidden; log a call from a card.
    await page.goto('/calls');
    const table = page.getByRole('table', { name: 'Liste des appels' });
    const card = table.getByRole('row').filter({ hasText: `Maëlle ${tag}` });
    await expect(card).toBeVisible();
    await expect(table.getByRole('columnheader').first()).toBeHidden();
    await expect(card.getByText('Dernier appel')).toBeVisible();
    await expectNoOverflow(page, WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}/mobile-calls.png`, fullPage: true });
    await card.getByRole('button', { name: `Enregistrer un appel avec Maëlle ${tag}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /Joint/ }).click();
    await expectNoOverflow(page, WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}/mobile-log-call.png` });
    await dialog.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await expect(toast(page, `Appel avec Maëlle ${tag} enregistré : Joint.`)).toBeVisible();

    // /reminders: the urgent, overdue reminder and its actions.
    await page.goto('/reminders');
    const reminder = page.getByRole('listitem').filter({ hasText: `Noé ${tag}` });
    await expect(reminder.getByText('Urgent', { exact: true })).toBeVisible();
    await expect(reminder.getByRole('button', { name: 'Marquer appelé' })).toBeVisible();
    await expectNoOverflow(page, WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}/mobile-reminders.png`, fullPage: true });

    // /today: the call just logged.
    await page.goto('/today');
    await expect(page.getByText('1 appel aujourd’hui')).toBeVisible();
    await expectNoOverflow(page, WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}/mobile-today.png`, fullPage: true });

    // /session: the reminder first, the outcome buttons reachable by touch.
    await page.goto('/session');
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(`Noé ${tag}`);
    await expectNoOverflow(page, WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}/mobile-session.png`, fullPage: true });
    await page.getByRole('radio', { name: /Messagerie/ }).tap();
    await page.getByRole('button', { name: 'Enregistrer et suivant' }).tap();
    await expect(page.getByRole('heading', { level: 2 })).not.toHaveText(`Noé ${tag}`);
    expect(call.id).toBeTruthy();
    expect(consoleErrors).toEqual([]);
  });
});
