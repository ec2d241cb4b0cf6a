'use client';

import { useEffect, useId, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { usePopover } from './use-popover';

export interface MenuItem {
  key: string;
  label: ReactNode;
  onSelect: () => void;
  hint?: ReactNode;
  disabled?: boolean;
}

/**
 * A button opening a menu of actions (WAI-ARIA menu button): arrow keys move, Enter/Space choose,
 * Escape and Tab close.
 */
export function MenuButton({
  label,
  items,
  align = 'left',
  triggerClassName,
  isIconOnly = false,
  children,
}: {
  /** The menu's name; also the trigger's accessible name when the trigger shows only an icon. */
  label: string;
  isIconOnly?: boolean;
  items: readonly MenuItem[];
  align?: 'left' | 'right';
  triggerClassName?: string;
  children: ReactNode;
}) {
  const { isOpen, setIsOpen, close, rootRef, triggerRef } = usePopover<HTMLDivElement, HTMLButtonElement>();
  const menuId = useId();

  useEffect(() => {
    if (isOpen) rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
  }, [isOpen, rootRef]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])')];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      entries[(index + step + entries.length) % entries.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? entries[0] : entries.at(-1))?.focus();
    } else if (event.key === 'Tab') {
      close();
    }
  };

  return (
    <div ref={rootRef} className="relative inline-block">
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        aria-label={isIconOnly ? label : undefined}
        title={isIconOnly ? label : undefined}
        onClick={() => setIsOpen((open) => !open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setIsOpen(true);
          }
        }}
        className={triggerClassName}
      >
        {children}
      </button>
      {isOpen ? (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKeyDown}
          className={cn(
            'absolute z-40 mt-2 w-56 overflow-hidden rounded-xl border border-slate-200 bg-white p-1.5 shadow-xl dark:border-night-700 dark:bg-night-900',
            align === 'right' ? 'right-0' : 'left-0',
          )}
        >
          {items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
              className="flex w-full items-center justify-between gap-3 rounded-lg px-2.5 py-2 text-left text-sm text-slate-800 outline-none hover:bg-slate-100 focus-visible:bg-slate-100 disabled:opacity-50 dark:text-slate-100 dark:hover:bg-night-800 dark:focus-visible:bg-night-800"
            >
              <span>{item.label}</span>
              {item.hint ? <span className="text-xs text-slate-500 dark:text-slate-400">{item.hint}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
