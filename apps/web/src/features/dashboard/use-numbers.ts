'use client';

import { useMemo } from 'react';
import { useI18n } from '@/lib/i18n';

/** Numbers and percentages in the user's language ("53 %" in French, "53%" in English). */
export function useNumbers() {
  const { language } = useI18n();
  return useMemo(() => {
    const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const signedPercent = new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: 0,
      signDisplay: 'exceptZero',
    });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
    return {
      integer: (value: number) => integer.format(value),
      percent: (value: number) => percent.format(value),
      signedPercent: (value: number) => signedPercent.format(value),
      signed: (value: number) => signed.format(value),
    };
  }, [language]);
}
