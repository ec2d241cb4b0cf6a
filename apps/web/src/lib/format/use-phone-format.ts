'use client';

import { useEffect, useSyncExternalStore } from 'react';
import type * as PhoneHelpers from './phone';
import type { PhoneSource } from './phone';

type PhoneLib = typeof PhoneHelpers;

/**
 * libphonenumber's metadata (~29 kB gzip, with the country zones) is loaded once a page shows a phone,
 * not with the page: what the API answers reads right without it. Until it arrives (and while
 * hydrating, so the browser shows what the server rendered) a phone reads as the API formatted it, its
 * link is the API's `tel:` URI, and the contact's clock waits.
 */
let lib: PhoneLib | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function load() {
  loading ??= import('./phone').then((module) => {
    lib = module;
    for (const listener of listeners) listener();
  });
  return loading;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `telHref` without the metadata: the API's URI or E.164; `undefined` when only parsing can tell. */
function knownHref(source: PhoneSource): string | null | undefined {
  if (source.phoneUri) return source.phoneUri;
  if (source.phoneE164) return `tel:${source.phoneE164}`;
  return source.phoneUri === null ? null : undefined;
}

/** What a component needs to show a phone; `telHref` answers `undefined` while only parsing can tell. */
export interface PhoneFormat {
  isLoaded: boolean;
  displayPhone: (source: PhoneSource, region: string) => string;
  telHref: (source: PhoneSource, region?: string) => string | null | undefined;
  contactClock: PhoneLib['contactClock'];
}

const pending: PhoneFormat = {
  isLoaded: false,
  displayPhone: (source) => source.phoneNational || source.phone,
  telHref: (source) => knownHref(source),
  contactClock: () => null,
};

/** The phone helpers of `lib/format/phone.ts`, or their metadata-free readings while it loads. */
export function usePhoneFormat(): PhoneFormat {
  const loaded = useSyncExternalStore(
    subscribe,
    () => lib,
    () => null,
  );
  useEffect(() => {
    void load();
  }, []);
  return loaded ? { isLoaded: true, ...loaded } : pending;
}
