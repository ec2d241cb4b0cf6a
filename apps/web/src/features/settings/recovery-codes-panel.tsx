'use client';

import { useId } from 'react';
import { Copy, Download, KeyRound } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { useSession } from '@/features/auth/session-provider';
import { useI18n } from '@/lib/i18n';
import * as settingsMessages from '@/lib/i18n/messages/settings';

/** Saves a text file through a temporary link (the way browsers offer downloads). */
function saveText(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The recovery codes, shown once (right after they were made): listed for reading, copy and download,
 * then put away with the "saved" button. The API keeps only their hashes.
 */
export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.twoFactor;
  const { user } = useSession();
  const toast = useToast();
  const titleId = useId();
  const text = `${copy.codesFileHeader(user?.email ?? '')}\n\n${codes.join('\n')}\n`;

  async function copyCodes() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      toast.success(copy.copied);
    } catch {
      toast.error(copy.copyFailed);
    }
  }

  return (
    <section aria-labelledby={titleId} className="space-y-4">
      <div>
        <h3 id={titleId} className="flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-white">
          <KeyRound className="size-4 text-slate-500" aria-hidden />
          {copy.codesTitle}
        </h3>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{copy.codesBody}</p>
      </div>
      <ul
        aria-label={copy.codesListLabel}
        className="grid max-w-md grid-cols-2 gap-x-6 gap-y-1.5 rounded-xl border border-slate-200 bg-slate-50 px-4 py-3 font-mono text-sm text-slate-900 dark:border-night-700 dark:bg-night-950 dark:text-slate-100"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void copyCodes()}>
          <Copy className="size-4" aria-hidden />
          {copy.copyCodes}
        </Button>
        <Button variant="secondary" onClick={() => saveText(text, 'call-tracking-recovery-codes.txt')}>
          <Download className="size-4" aria-hidden />
          {copy.downloadCodes}
        </Button>
        <Button onClick={onDone}>{copy.codesDone}</Button>
      </div>
    </section>
  );
}
