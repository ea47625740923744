/** Machine-readable reasons the dashboard failed. */
export type DashboardErrorCode =
  | 'BAD_ARGUMENT' // bad options (port, host, route)
  | 'LISTEN_FAILED' // the server could not bind (port taken, no such interface)
  | 'ASSET_MISSING'; // a page file or the uplot package is not installed

/** Any failure of the dashboard server. */
export class DashboardError extends Error {
  readonly code: DashboardErrorCode;

  constructor(code: DashboardErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DashboardError';
    this.code = code;
  }
}
