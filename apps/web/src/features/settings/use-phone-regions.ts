'use client';

import { useEffect, useMemo, useState } from 'react';

/**
 * The countries libphonenumber knows (what the API accepts as phone region), named in the user's
 * language. The metadata is loaded on demand, so it is not part of the settings page's first load.
 */
export function usePhoneRegions(language: string, current: string) {
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    import('libphonenumber-js/min')
      .then((phone) => {
        if (isCurrent) setCodes(phone.getCountries());
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, []);

  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    const list = codes ?? [current];
    const withCurrent = list.includes(current) ? list : [current, ...list];
    return withCurrent
      .map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
  }, [codes, current, language]);
}
