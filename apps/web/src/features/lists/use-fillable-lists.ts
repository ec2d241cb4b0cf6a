'use client';

import { useQuery } from '@tanstack/react-query';
import { listQueries } from './lists.queries';

/** The open lists the user may fill (a lead of its team, or an admin). */
export function useFillableLists() {
  return useQuery({
    ...listQueries.list(false),
    select: (data) => data.items.filter((list) => list.canEdit),
  });
}
