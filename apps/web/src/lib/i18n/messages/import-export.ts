/** Strings of the import and export buttons on /calls (the import dialog's own are in imports.ts). */

export const fr = {
  open: 'Importer',
  export: {
    label: 'Exporter (CSV)',
    working: 'Export…',
    failed: 'L’export a échoué. Réessayez.',
  },
};

export const en: typeof fr = {
  open: 'Import',
  export: {
    label: 'Export (CSV)',
    working: 'Exporting…',
    failed: 'The export failed. Try again.',
  },
};
