// The experiments statistics engine's public surface; see README.md here and docs/statistics.md.
export * from './bayesian';
export * from './compute-results';
export * from './corrections';
export * from './cuped';
export * from './decide';
export * from './difference';
export * from './distributions';
export * from './paired';
export * from './power';
export * from './results-types';
export * from './sequential';
export * from '../../math/special-functions';
export * from './srm';
export * from './summaries';
export * from './summary-problems';
export * from './types';
export * from './welch';
