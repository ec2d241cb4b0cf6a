'use client';

import { useEffect, useRef, useState } from 'react';
import { Search, X } from 'lucide-react';
import { CALL_STATUSES, CALL_TYPES } from '@ct/contracts/enums';
import { Button } from '@/components/ui/button';
import { controlClasses, InputField, SelectField } from '@/components/ui/field';
import { MultiSelect } from '@/components/ui/multi-select';
import { useI18n } from '@/lib/i18n';
import { isFiltered, type CallFilters, type DateField } from './call-filters';
import { useDomainLabels } from '@/lib/i18n/labels';
import * as callsMessages from '@/lib/i18n/messages/calls';

const SEARCH_DEBOUNCE_MS = 300;

/** Search, status and type multi-selects, and a date range — every change goes to the URL. */
export function FilterBar({
  filters,
  onChange,
  onReset,
}: {
  filters: CallFilters;
  onChange: (change: Partial<CallFilters>) => void;
  onReset: () => void;
}) {
  const { t } = useI18n({ calls: callsMessages });
  const copy = t.calls.filters;
  const labels = useDomainLabels();
  const [query, setQuery] = useState(filters.q);
  const lastSent = useRef(filters.q);

  // The URL changed under us (back/forward, reset): show what it says.
  useEffect(() => {
    if (filters.q !== lastSent.current) {
      lastSent.current = filters.q;
      setQuery(filters.q);
    }
  }, [filters.q]);

  useEffect(() => {
    if (query === lastSent.current) return;
    const timer = window.setTimeout(() => {
      lastSent.current = query;
      onChange({ q: query });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query, onChange]);

  return (
    <div
      role="search"
      aria-label={copy.label}
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(2,minmax(0,1fr))]"
    >
      <div className="relative sm:col-span-2 lg:col-span-1">
        <label htmlFor="calls-search" className="sr-only">
          {copy.search}
        </label>
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500"
          aria-hidden
        />
        <input
          id="calls-search"
          type="search"
          value={query}
          maxLength={200}
          placeholder={copy.searchPlaceholder}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              lastSent.current = query;
              onChange({ q: query });
            }
          }}
          className={controlClasses(false, 'h-10 pl-9')}
        />
      </div>
      <MultiSelect
        label={copy.status}
        allLabel={copy.all}
        clearLabel={copy.clear}
        options={CALL_STATUSES.map((status) => ({ value: status, label: labels.status(status) }))}
        value={filters.status}
        onChange={(status) => onChange({ status: status as CallFilters['status'] })}
      />
      <MultiSelect
        label={copy.type}
        allLabel={copy.all}
        clearLabel={copy.clear}
        options={CALL_TYPES.map((type) => ({ value: type, label: labels.type(type) }))}
        value={filters.type}
        onChange={(type) => onChange({ type: type as CallFilters['type'] })}
      />
      <div className="grid grid-cols-2 gap-3 sm:col-span-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto] lg:col-span-3">
        <SelectField
          label={copy.dateField}
          wrapperClassName="col-span-2 sm:col-span-1"
          value={filters.dateField}
          onChange={(event) => onChange({ dateField: event.target.value as DateField })}
          options={[
            { value: 'lastCallAt', label: copy.dateFields.lastCallAt },
            { value: 'nextReminderAt', label: copy.dateFields.nextReminderAt },
          ]}
        />
        <InputField
          label={copy.from}
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => onChange({ from: event.target.value })}
        />
        <InputField
          label={copy.to}
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => onChange({ to: event.target.value })}
        />
        <div className="col-span-2 flex items-end sm:col-span-1">
          {isFiltered(filters) ? (
            <Button variant="ghost" className="w-full" onClick={onReset}>
              <X className="size-4" aria-hidden />
              {copy.reset}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
