import type { CustomerListFilter } from '@/lib/customers/customer-list-params';

/** Query-key factory: every React Query key in one place, so mutations invalidate exactly what they change. */
export const queryKeys = {
  overview: (weeks: number) => ['overview', weeks] as const,
  apiKeys: () => ['api-keys'] as const,
  /** Every customer read starts with 'customers', so one invalidation refreshes lists, profiles and orders. */
  customers: () => ['customers'] as const,
  customerList: (filter: CustomerListFilter) => ['customers', 'list', filter] as const,
  customer: (customerId: string) => ['customers', 'detail', customerId] as const,
  customerOrders: (customerId: string) => ['customers', 'detail', customerId, 'orders'] as const,
  /** Under the customer's detail key, so refreshing a customer refreshes their insight too. */
  insights: (customerId: string) => ['customers', 'detail', customerId, 'insights'] as const,
  /** The runs list; a single run's key starts with it, so one invalidation refreshes both. */
  analysisRuns: () => ['analysis', 'runs'] as const,
  analysisRun: (runId: string) => ['analysis', 'runs', runId] as const,
  /** Backtests live beside the runs, not under them: starting a run does not change them. */
  backtests: () => ['analysis', 'backtests'] as const,
  segments: (flowDays: number) => ['segments', flowDays] as const,
  /** Every privacy read starts with 'privacy', so a consent change refreshes overview, lookups and the audit log. */
  privacy: () => ['privacy'] as const,
  consentOverview: (weeks: number) => ['privacy', 'consent-overview', weeks] as const,
  consent: (customerId: string) => ['privacy', 'consent', customerId] as const,
  consentHistory: (customerId: string) => ['privacy', 'consent', customerId, 'history'] as const,
  audit: (day: string) => ['privacy', 'audit', day] as const,
  auditOfSubject: (subjectId: string) => ['privacy', 'audit', 'subject', subjectId] as const,
  privacyRequests: () => ['privacy', 'requests'] as const,
  retention: () => ['privacy', 'retention'] as const,
  modelView: (customerId: string) => ['privacy', 'model-input', customerId] as const,
  privacyRequest: (requestId: string) => ['privacy', 'requests', requestId] as const,
  /** Every Live read starts with 'live'; the alert lists share 'live', 'alerts', so a change refreshes every tab. */
  live: () => ['live'] as const,
  liveMetrics: (minutes: number) => ['live', 'metrics', minutes] as const,
  liveActive: () => ['live', 'active'] as const,
  liveHealth: () => ['live', 'health'] as const,
  liveAlerts: () => ['live', 'alerts'] as const,
  liveAlertList: (status: string, includeSnoozed: boolean) =>
    ['live', 'alerts', status, includeSnoozed] as const,
  /** Every experiments read starts with 'experiments', so a change refreshes the list, the experiment and its results. */
  experiments: () => ['experiments'] as const,
  experimentList: (status: string) => ['experiments', 'list', status] as const,
  experiment: (key: string) => ['experiments', 'detail', key] as const,
  experimentResults: (key: string) => ['experiments', 'detail', key, 'results'] as const,
  /** Every imports read starts with 'imports', so a finished import refreshes the history and the import. */
  imports: () => ['imports'] as const,
  importHistory: () => ['imports', 'history'] as const,
  importJob: (importId: string, rejectsOffset: number) =>
    ['imports', 'job', importId, rejectsOffset] as const,
};
