export { errorType } from './error-type';
export { createHttpMetrics } from './http-metrics';
export type { BodySizes, HttpMetrics, HttpRequest } from './http-metrics';
export { normalizeMethod, OTHER_METHOD } from './method';
export { ABORTED_STATUS, HTTP_DURATION_BUCKETS, HTTP_SIZE_BUCKETS } from './options';
export type { HttpMetricsOptions } from './options';
export { normalizePath, OVERFLOW_ROUTE, pathOf, UNMATCHED_ROUTE } from './route';
export { isScrapeRequest, scrapeResponse } from './scrape';
export type { ScrapeResponse } from './scrape';
