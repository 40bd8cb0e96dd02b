// A real Prometheus (Debian's 2.42) that scrapes the given targets every second: its own data
// directory and config, a free port, and a stop that also removes the directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type Running, startServer } from './processes';

/** A started Prometheus: its HTTP API's base URL, and how to stop it. */
export interface Scraper {
  /** `http://127.0.0.1:<port>`, where `/api/v1/...` answers. */
  readonly api: string;
  /** Everything Prometheus logged so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts Prometheus scraping each target (`host:port`, job name as key) every second, with
 * `flags` added (e.g. `--enable-feature=exemplar-storage`); resolves once it is ready.
 */
export async function startScraper(targets: Record<string, string>, flags: string[] = []): Promise<Scraper> {
  const dir = mkdtempSync(join(tmpdir(), 'promkit-prometheus-'));
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global: { scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      ...Object.entries(targets).map(([job, target]) => `  - { job_name: ${job}, static_configs: [{ targets: ['${target}'] }] }`),
      '',
    ].join('\n'),
  );
  let running: Running;
  try {
    const args = [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn', ...flags];
    running = await startServer('prometheus', args, `${api}/-/ready`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    api,
    output: () => running.output(),
    stop: async () => {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
