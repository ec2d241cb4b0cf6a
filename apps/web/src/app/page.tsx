import { redirect } from 'next/navigation';
import { HOME_PATH } from '@/lib/safe-redirect';

export default function RootPage() {
  redirect(HOME_PATH);
}
