import { AlarmClock, ChartColumn, PhoneCall } from 'lucide-react';
import { Logo } from '@/components/ui/logo';
import { dictionaries, DEFAULT_LANGUAGE } from '@/lib/i18n/dictionaries';
import * as loginMessages from '@/lib/i18n/messages/login';
import { LoginForm, type LoginNotice } from './login-form';

const highlights = {
  fr: [
    { icon: PhoneCall, text: 'Chaque appel et son résultat, au même endroit.' },
    { icon: AlarmClock, text: 'Des rappels au bon moment, sans rien oublier.' },
    { icon: ChartColumn, text: 'Vos indicateurs du jour et de la semaine.' },
  ],
} as const;

/** The sign-in screen: a brand panel (from md up) beside the form. French until we know the user. */
export function LoginView({ next, notice }: { next: string; notice: LoginNotice }) {
  const t = dictionaries[DEFAULT_LANGUAGE];
  return (
    <div className="grid min-h-dvh md:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <aside className="relative hidden overflow-hidden bg-linear-to-br from-orchid-600 via-iris-600 to-iris-800 p-10 text-white md:flex md:flex-col lg:p-14">
        <div className="absolute -top-24 -right-24 size-80 rounded-full bg-white/15 blur-3xl" aria-hidden />
        <div className="absolute -bottom-32 -left-16 size-96 rounded-full bg-orchid-400/30 blur-3xl" aria-hidden />
        <div className="relative flex items-center gap-2.5 text-lg font-bold tracking-tight">
          <span className="flex size-9 items-center justify-center rounded-xl bg-white/20 ring-1 ring-white/30 backdrop-blur">
            <PhoneCall className="size-[18px]" aria-hidden strokeWidth={2.25} />
          </span>
          {t.app.name}
        </div>
        <div className="relative mt-auto max-w-md">
          <p className="text-3xl leading-tight font-bold tracking-tight text-balance lg:text-4xl">{t.app.tagline}</p>
          <ul className="mt-8 space-y-4">
            {highlights.fr.map(({ icon: Icon, text }) => (
              <li key={text} className="flex items-center gap-3 text-[0.9375rem] text-white">
                <span className="flex size-9 shrink-0 items-center justify-center rounded-xl bg-white/20 ring-1 ring-white/25">
                  <Icon className="size-4" aria-hidden />
                </span>
                {text}
              </li>
            ))}
          </ul>
        </div>
      </aside>

      <main className="flex items-center justify-center px-5 py-12 sm:px-8">
        <div className="w-full max-w-sm">
          <div className="mb-8 md:hidden">
            <Logo name={t.app.name} />
          </div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">
            {loginMessages[DEFAULT_LANGUAGE].title}
          </h1>
          <p className="mt-2 mb-8 text-sm text-slate-600 dark:text-slate-400">
            {loginMessages[DEFAULT_LANGUAGE].subtitle}
          </p>
          <LoginForm next={next} notice={notice} />
        </div>
      </main>
    </div>
  );
}
