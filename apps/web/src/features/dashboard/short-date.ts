import type { DateFormat } from '@ct/contracts/enums';

/** Day and month of a YYYY-MM-DD date in the user's order, for the chart's axis ("26/11", "11/26"). */
export function shortDate(isoDate: string, dateFormat: DateFormat): string {
  const [, month = '', day = ''] = isoDate.split('-');
  switch (dateFormat) {
    case 'dd/MM/yyyy':
      return `${day}/${month}`;
    case 'MM/dd/yyyy':
      return `${month}/${day}`;
    case 'yyyy-MM-dd':
      return `${month}-${day}`;
    case 'dd.MM.yyyy':
      return `${day}.${month}`;
  }
}
