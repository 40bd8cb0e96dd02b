// Vitest global setup: the independent parsers several suites check our exposition with are
// Python's prometheus_client (text 0.0.4 and OpenMetrics). On a fresh machine it is installed
// with pip, so that the README's test command runs those checks everywhere.
import { execFileSync } from 'node:child_process';

const present = (): boolean => {
  try {
    execFileSync('python3', ['-c', 'import prometheus_client.parser, prometheus_client.openmetrics.parser'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export default function setup(): void {
  if (present()) return;
  const pip = (...extra: string[]) =>
    execFileSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...extra, 'prometheus-client'], { stdio: 'inherit' });
  try {
    pip();
  } catch {
    // Debian's system Python refuses plain pip installs (PEP 668) unless told otherwise.
    pip('--break-system-packages');
  }
  if (!present()) throw new Error('python3 cannot import prometheus_client after pip install prometheus-client');
}
