'use client';

import { useMemo, type ComponentProps } from 'react';
import { SelectField } from '@/components/ui/field';
import { useFormatter } from '@/lib/format/use-formatter';

const STEP_MINUTES = 15;

/**
 * A time of day (HH:mm) picked from quarter hours, shown in the user's 12/24 h format — a native
 * `<input type="time">` follows the browser's locale instead. A value off the grid stays selectable.
 */
export function ClockSelectField({
  current,
  ...props
}: Omit<ComponentProps<typeof SelectField>, 'options'> & { current: string | undefined }) {
  const format = useFormatter();
  const options = useMemo(() => {
    const values = Array.from({ length: (24 * 60) / STEP_MINUTES }, (_, index) => {
      const minutes = index * STEP_MINUTES;
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    });
    if (current && !values.includes(current)) values.push(current);
    return values.sort().map((value) => ({ value, label: format.clock(value) }));
  }, [current, format]);
  return <SelectField options={options} {...props} />;
}
