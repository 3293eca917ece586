'use client';
import { ChartConsentTrend } from '@/components/chart/chart-consent-trend';
import { useConsentOverview } from '@/lib/client/use-privacy';
import { OPT_IN_PURPOSES } from '@/lib/privacy/consent/consent-trend';

const LABEL: Record<(typeof OPT_IN_PURPOSES)[number], string> = {
  analytics: 'Analytics',
  personalization: 'Personalization',
  ai_processing: 'AI processing',
  marketing: 'Marketing',
};

export function ConsentOverviewPanel() {
  const overview = useConsentOverview(52);
  const latest = overview.data?.trend.at(-1);
  return (
    <section className="card" aria-labelledby="consent-overview-heading">
      <header className="card-header">
        <h2 id="consent-overview-heading">Consent</h2>
        <span className="muted">
          {latest ? `${latest.customers.toLocaleString('en')} customers with a recorded choice` : 'Loading…'}
        </span>
      </header>
      {overview.error ? <p className="error">Could not load consent: {overview.error.message}</p> : null}
      {overview.data ? <ChartConsentTrend trend={overview.data.trend} /> : null}
      {overview.data && latest ? (
        <table className="table" data-testid="consent-purposes-table">
          <thead>
            <tr>
              <th>Purpose</th>
              <th className="num">Opted in now</th>
              <th className="num">Refused by consent</th>
              <th className="num">Processed without personal data</th>
            </tr>
          </thead>
          <tbody>
            {OPT_IN_PURPOSES.map((p) => (
              <tr key={p}>
                <td>{LABEL[p]}</td>
                <td className="num">{(latest.share[p] * 100).toFixed(1)} %</td>
                <td className="num">{overview.data.enforcement[p].rejected.toLocaleString('en')}</td>
                <td className="num">{overview.data.enforcement[p].stripped.toLocaleString('en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
