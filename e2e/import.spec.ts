import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createUser, SCREENSHOTS, signIn, watchConsole } from './support/app';

const EXCEL_FR = readFileSync(new URL('../apps/api/test/fixtures/imports/excel-fr-win1252.csv', import.meta.url));
const BAD_ROWS = readFileSync(new URL('../apps/api/test/fixtures/imports/bad-rows.csv', import.meta.url));

const table = (page: Page) => page.getByRole('table', { name: 'Liste des appels' });
const rowOf = (page: Page, name: string) => table(page).getByRole('row').filter({ hasText: name });

test.describe('CSV import (/calls)', () => {
  test('a user imports an Excel-FR file through the import dialog and sees the new rows in the table', async ({
    page,
    request,
  }) => {
    // Two uploads, an import and an export through the whole stack: more than the default 30 s on a busy machine.
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    await signIn(page, await createUser(request, 'import'));
    await page.goto('/calls');
    await expect(page.getByRole('heading', { level: 1, name: 'Tous les appels' })).toBeVisible();
    const open = page.getByRole('button', { name: 'Importer', exact: true });
    await expect(open).toBeVisible();

    // A file with bad rows first: the preview lists them with their line and column.
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Importer des appels (CSV)' });
    await dialog
      .getByTestId('import-file')
      .setInputFiles({ name: 'lignes-en-erreur.csv', mimeType: 'text/csv', buffer: BAD_ROWS });
    await expect(dialog.getByTestId('import-errors')).toContainText('Ligne 3');
    await expect(dialog.getByTestId('import-errors')).toContainText('Le téléphone est obligatoire');
    await expect(dialog.getByTestId('import-counts')).toContainText('9 en erreur');
    await dialog.getByRole('button', { name: 'Changer de fichier' }).click();

    // The Excel file: Windows-1252 and semicolons detected, accents intact in the preview.
    await dialog
      .getByTestId('import-file')
      .setInputFiles({ name: 'Export Excel.csv', mimeType: 'text/csv', buffer: EXCEL_FR });
    const preview = dialog.getByTestId('import-preview');
    await expect(preview.getByText('WINDOWS-1252')).toBeVisible();
    await expect(preview.getByText('point-virgule')).toBeVisible();
    await expect(preview.getByRole('cell', { name: 'Hélène Dupré' })).toBeVisible();
    await expect(preview.getByRole('cell', { name: 'François Cœur' })).toBeVisible();
    await expect(dialog.getByLabel('Champ — Commentaire')).toHaveValue('description');

    // Choosing the other duplicate policy asks for a fresh preview before running.
    await dialog.getByLabel(/Mettre à jour l’appel existant/).check();
    await expect(dialog.getByRole('button', { name: /^Importer \d+ ligne/ })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Recalculer l’aperçu' }).click();
    await page.screenshot({ path: `${SCREENSHOTS}/import-preview.png`, fullPage: true });
    await dialog.getByRole('button', { name: 'Importer 4 ligne(s)' }).click();

    const summary = dialog.getByTestId('import-summary');
    await expect(summary).toContainText('Import terminé');
    await expect(summary.getByTestId('import-counts')).toContainText('4 créés');
    await expect(summary.getByRole('button', { name: 'Annuler cet import' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Terminé' }).click();
    await expect(dialog).toHaveCount(0);

    for (const name of ['Hélène Dupré', 'François Cœur', 'Zoë Noël-Bénédicte', 'Jérôme Garçon']) {
      await expect(rowOf(page, name)).toBeVisible();
    }
    await page.screenshot({ path: `${SCREENSHOTS}/import-done.png`, fullPage: true });

    // The export button takes the list's filters: only the "Joint" call of the import.
    await page.goto('/calls?status=reached');
    await expect(rowOf(page, 'Zoë Noël-Bénédicte')).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^appels-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = readFileSync((await download.path())!).toString('utf8');
    expect(
      exported.startsWith('\uFEFFPrénom;Nom;Téléphone;Statut;Type;Description;Dernier appel;Prochain rappel'),
    ).toBe(true);
    expect(exported.trim().split('\r\n')).toHaveLength(2);
    expect(exported).toContain(
      'Zoë;Noël-Bénédicte;01 44 55 66 77;Joint;Support;Problème de facturation réglé;11/03/2024 00:00;',
    );
    expect(consoleErrors).toEqual([]);
  });
});
