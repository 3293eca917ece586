/** How much the Live page asks for (shared by the server page's first paint and the browser's reads). */
export const ACTIVE_LIMIT = 100;
export const ALERTS_LIMIT = 50;
export const METRICS_MINUTES = 15;
