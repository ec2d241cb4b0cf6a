import { test, type Page } from '@playwright/test';
import {
  createUser,
  expect,
  JOURNEY_TIMEOUT,
  nextWorkingDay,
  parisDate,
  SCREENSHOTS,
  signIn,
  toast,
  unique,
  watchConsole,
} from './support/app';

const list = (page: Page) => page.getByRole('list', { name: 'Rappels du jour' });
const cardOf = (page: Page, name: string) => list(page).getByRole('listitem').filter({ hasText: name });
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

test.describe('Reminders (/reminders)', () => {
  test.describe.configure({ timeout: JOURNEY_TIMEOUT });

  test('a no-answer call gets its callback on the next working morning', async ({ page, request }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'noanswer'));
    const last = unique('Lefort');
    await api.createCall({ firstName: 'Bruno', lastName: last, phone: '0611223344' });

    await page.goto('/calls');
    await page
      .getByRole('button', { name: `Enregistrer un appel avec Bruno ${last}` })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: `Enregistrer l’appel — Bruno ${last}` });
    await expect(dialog).toBeVisible();
    // Keyboard: "1" is "Pas de réponse"; the API's callback is proposed up front.
    await page.keyboard.press('1');
    await expect(dialog.getByRole('radio', { name: /Pas de réponse/ })).toHaveAttribute('aria-checked', 'true');
    await expect(dialog.getByText('Rappel proposé')).toBeVisible();
    const expectedDay = nextWorkingDay();
    await expect(dialog.getByLabel('Date')).toHaveValue(expectedDay);
    await expect(dialog.getByLabel('Heure')).toHaveValue('10:00');
    await dialog.getByLabel('Note (facultative)').fill('Messagerie pleine');
    await dialog.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await expect(
      toast(page, new RegExp(`Appel avec Bruno ${last} enregistré\\. Rappel planifié .*10:00\\.`)),
    ).toBeVisible();

    await page.goto(`/reminders?date=${expectedDay}`);
    const card = cardOf(page, `Bruno ${last}`);
    await expect(card).toBeVisible();
    await expect(card.getByText('10:00', { exact: true })).toBeVisible();
    await expect(card.getByText('Pas de réponse')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a user snoozes a reminder; imminent and urgent ones stand out', async ({ page, request }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'snooze'));
    const soon = await api.createCall({ firstName: 'Sacha', lastName: unique('Sansa'), phone: '0611223355' });
    const urgent = await api.createCall({ firstName: 'Ulysse', lastName: unique('Ulm'), phone: '0611223366' });
    const reminder = await api.createReminder({ callId: soon.id, scheduledAt: inMinutes(5), priority: 'normal' });
    await api.createReminder({ callId: urgent.id, scheduledAt: inMinutes(-30), priority: 'urgent', allowPast: true });
    const soonName = `Sacha ${soon.lastName}`;

    await page.goto('/reminders');
    await expect(page.getByText(/2 rappels · 1 en retard · 1 imminent/)).toBeVisible();
    await expect(cardOf(page, soonName).getByText('Imminent', { exact: true })).toBeVisible();
    await expect(cardOf(page, `Ulysse ${urgent.lastName}`).getByText('Urgent', { exact: true })).toBeVisible();
    await expect(cardOf(page, `Ulysse ${urgent.lastName}`).getByText('En retard', { exact: true })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/reminders-highlights.png`, fullPage: true });

    await cardOf(page, soonName).getByRole('button', { name: 'Reporter' }).click();
    await page
      .getByRole('menu', { name: `Reporter le rappel de ${soonName}` })
      .getByRole('menuitem', { name: 'Dans 1 heure' })
      .click();
    await expect(toast(page, new RegExp(`Rappel de ${soonName} reporté`))).toBeVisible();

    const moved = await api.getReminder(reminder.id);
    const delay = new Date(moved.scheduledAt).getTime() - Date.now();
    expect(delay).toBeGreaterThan(55 * 60_000);
    expect(delay).toBeLessThan(61 * 60_000);
    if (parisDate(new Date(moved.scheduledAt)).iso === parisDate(new Date()).iso) {
      await expect(cardOf(page, soonName).getByText('Imminent', { exact: true })).toHaveCount(0);
    }

    // Another priority, from the card's menu.
    await cardOf(page, soonName)
      .getByRole('button', { name: `Autres actions pour ${soonName}` })
      .click();
    await page.getByRole('menuitem', { name: 'Priorité : Haute' }).click();
    await expect(toast(page, `Priorité du rappel de ${soonName} modifiée.`)).toBeVisible();
    expect((await api.getReminder(reminder.id)).priority).toBe('high');
    expect(consoleErrors).toEqual([]);
  });

  test('a user marks a reminder called and finds the call in /today', async ({ page, request }) => {
    const consoleErrors = watchConsole(page);
    const api = await signIn(page, await createUser(request, 'markcalled'));
    const call = await api.createCall({ firstName: 'Margaux', lastName: unique('Marly'), phone: '0611223377' });
    await api.createReminder({ callId: call.id, scheduledAt: inMinutes(-10), allowPast: true });
    const name = `Margaux ${call.lastName}`;

    await page.goto('/reminders');
    await cardOf(page, name).getByRole('button', { name: 'Marquer appelé' }).click();
    await expect(toast(page, `${name} marqué comme appelé.`)).toBeVisible();
    await expect(cardOf(page, name)).toHaveCount(0);
    await page.getByRole('button', { name: 'Faits aujourd’hui' }).click();
    await expect(cardOf(page, name)).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Appels du jour' })
      .click();
    await expect(page).toHaveURL(/\/today$/);
    await expect(page.getByText('1 appel aujourd’hui')).toBeVisible();
    const attempts = page.getByRole('region', { name: 'Appels passés aujourd’hui, par heure' });
    await expect(attempts.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(attempts.getByText('Joint')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a reminder can be rescheduled to a chosen time', async ({ page, request }) => {
    const api = await signIn(page, await createUser(request, 'reschedule'));
    const call = await api.createCall({ firstName: 'Rémi', lastName: unique('Replan'), phone: '0611223388' });
    const reminder = await api.createReminder({ callId: call.id, scheduledAt: inMinutes(-5), allowPast: true });
    const name = `Rémi ${call.lastName}`;
    const day = nextWorkingDay();

    await page.goto('/reminders');
    await cardOf(page, name)
      .getByRole('button', { name: `Autres actions pour ${name}` })
      .click();
    await page.getByRole('menuitem', { name: 'Replanifier' }).click();
    const dialog = page.getByRole('dialog', { name: `Replanifier le rappel — ${name}` });
    await dialog.getByLabel('Date').fill(day);
    await dialog.getByLabel('Heure').fill('14:30');
    await dialog.getByLabel('Raison (facultative)').fill('Absent ce matin');
    await dialog.getByRole('button', { name: 'Replanifier' }).click();
    await expect(toast(page, new RegExp(`Rappel de ${name} replanifié .*14:30`))).toBeVisible();
    await expect(cardOf(page, name)).toHaveCount(0);
    expect(parisDate(new Date((await api.getReminder(reminder.id)).scheduledAt)).iso).toBe(day);
  });
});
