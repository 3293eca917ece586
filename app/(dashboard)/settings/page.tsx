import { requireSection } from '@/lib/auth/require-section';
import { ApiKeysPanel } from '@/components/settings/api-keys-panel';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireSection('/settings');
  return (
    <>
      <h1>Settings</h1>
      <ApiKeysPanel />
    </>
  );
}
