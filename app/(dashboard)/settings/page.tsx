import { ApiKeysPanel } from '@/components/settings/api-keys-panel';

export const metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <h1>Settings</h1>
      <ApiKeysPanel />
    </>
  );
}
