'use client';

import { useEffect, useState } from 'react';
import dynamic from 'next/dynamic';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, ShieldCheck, Smartphone } from 'lucide-react';
import type { MfaStatus } from '@ct/contracts';
import { LoadError } from '@/components/query-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import { SettingsCard } from './settings-card';
import { mfaStatusQuery } from './settings.queries';
import { disableMfa, regenerateRecoveryCodes } from './two-factor.api';
import type { TwoFactorReauthDialog as ReauthDialog } from './two-factor-reauth-dialog';
import * as settingsMessages from '@/lib/i18n/messages/settings';

// The card's state is read after the page (GET /me/mfa), so what it shows next loads with it, not with the page.
const loadEnrolment = () => import('./two-factor-enrolment');
const TwoFactorEnrolment = dynamic(() => loadEnrolment().then((module) => module.TwoFactorEnrolment), {
  ssr: false,
});
const RecoveryCodesPanel = dynamic(() => import('./recovery-codes-panel').then((module) => module.RecoveryCodesPanel), {
  ssr: false,
});
const TwoFactorReauthDialog = dynamic(
  () => import('./two-factor-reauth-dialog').then((module) => module.TwoFactorReauthDialog),
  { ssr: false },
) as typeof ReauthDialog;

/**
 * "Authentification à deux facteurs": off → enrolment (password, QR code, first code); just turned on
 * or renewed → the recovery codes, once; on → since when, codes left, new codes, turn off.
 */
export function TwoFactorCard() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.twoFactor;
  const queryClient = useQueryClient();
  const status = useQuery(mfaStatusQuery());
  const [shownCodes, setShownCodes] = useState<string[] | null>(null);
  // Fetched alongside the status, which most often says "off".
  useEffect(() => {
    void loadEnrolment();
  }, []);

  function showCodes(codes: string[]) {
    setShownCodes(codes);
    void queryClient.invalidateQueries({ queryKey: mfaStatusQuery().queryKey });
  }

  return (
    <SettingsCard icon={Smartphone} title={copy.title} hint={copy.hint}>
      {shownCodes ? (
        <RecoveryCodesPanel codes={shownCodes} onDone={() => setShownCodes(null)} />
      ) : status.isPending ? (
        <div className="space-y-3" aria-busy="true">
          <Skeleton className="h-5 w-32" />
          <Skeleton className="h-4 w-full max-w-xl" />
          <Skeleton className="h-10 w-64" />
        </div>
      ) : status.isError ? (
        <LoadError variant="section" message={copy.loadError} onRetry={() => void status.refetch()} />
      ) : status.data.enabled ? (
        <EnabledPanel status={status.data} onNewCodes={showCodes} />
      ) : (
        <TwoFactorEnrolment onEnabled={showCodes} />
      )}
    </SettingsCard>
  );
}

function EnabledPanel({ status, onNewCodes }: { status: MfaStatus; onNewCodes: (codes: string[]) => void }) {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.twoFactor;
  const format = useFormatter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | null>(null);
  const isLow = status.recoveryCodesRemaining <= 2;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <ShieldCheck className="size-5 text-emerald-600 dark:text-emerald-400" aria-hidden />
        <Badge tone="emerald">{copy.onTitle}</Badge>
        {status.enabledAt ? (
          <span className="text-sm text-slate-600 dark:text-slate-400">
            {copy.onSince(format.date(status.enabledAt))}
          </span>
        ) : null}
      </div>
      <p
        className={
          isLow
            ? 'flex items-center gap-2 text-sm font-medium text-amber-800 dark:text-amber-300'
            : 'flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400'
        }
      >
        <KeyRound className="size-4" aria-hidden />
        {copy.remaining(status.recoveryCodesRemaining)}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setDialog('regenerate')}>
          {copy.regenerate}
        </Button>
        <Button variant="danger-ghost" onClick={() => setDialog('disable')}>
          {copy.disable}
        </Button>
      </div>
      {dialog === 'regenerate' ? (
        <TwoFactorReauthDialog
          title={copy.regenerateTitle}
          body={copy.regenerateBody}
          confirmLabel={copy.regenerateConfirm}
          pendingLabel={copy.regenerating}
          action={regenerateRecoveryCodes}
          onDone={(codes) => {
            setDialog(null);
            onNewCodes(codes);
          }}
          onClose={() => setDialog(null)}
        />
      ) : dialog === 'disable' ? (
        <TwoFactorReauthDialog
          title={copy.disableTitle}
          body={copy.disableBody}
          confirmLabel={copy.disableConfirm}
          pendingLabel={copy.disabling}
          isDanger
          action={disableMfa}
          onDone={() => {
            setDialog(null);
            toast.success(copy.disabled);
            void queryClient.invalidateQueries({ queryKey: mfaStatusQuery().queryKey });
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
