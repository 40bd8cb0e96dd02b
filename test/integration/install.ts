// Vitest global setup of the integration project: makes sure Debian's prometheus (with
// promtool) and prometheus-pushgateway are installed, installing them on a fresh machine
// (CI runs as root with apt) so that the README's test command runs this suite everywhere.
import { execFileSync } from 'node:child_process';

const BINARIES = ['prometheus', 'promtool', 'prometheus-pushgateway'];

const missing = (): string[] =>
  BINARIES.filter((name) => {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });

export default function setup(): void {
  if (missing().length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`integration tests need ${missing().join(', ')}: run "apt-get install prometheus prometheus-pushgateway" as root`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'prometheus', 'prometheus-pushgateway'], { stdio: 'inherit', env });
  if (missing().length) throw new Error(`still missing after apt-get install: ${missing().join(', ')}`);
}
