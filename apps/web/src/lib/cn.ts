import { clsx, type ClassValue } from 'clsx';

/** Joins class names, skipping falsy ones. */
export function cn(...values: ClassValue[]) {
  return clsx(values);
}
