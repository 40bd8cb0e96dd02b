// A real Prometheus (Debian's 2.42) with the remote write receiver on, for the integration and
// runtime suites: started on a free loopback port, with a recording rule for the isolate fleet.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer } from '../../../test/integration/processes';

export interface Receiver {
  /** The remote write endpoint, `http://127.0.0.1:<port>/api/v1/write`. */
  readonly url: string;
  /** Runs an instant PromQL query; returns `[labels, value]` per series. */
  query(promql: string): Promise<[Record<string, string>, string][]>;
  stop(): Promise<void>;
}

const RULES = `groups:
  - name: fleet
    interval: 1s
    rules:
      - record: job:isolate_jobs_total:sum
        expr: sum without (instance) (isolate_jobs_total)
`;

export async function startPrometheus(): Promise<Receiver> {
  const dir = mkdtempSync(join(tmpdir(), 'promkit-remote-write-'));
  writeFileSync(join(dir, 'rules.yml'), RULES);
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 1s\nrule_files:\n  - rules.yml\n');
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const running = await startServer(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-remote-write-receiver'],
    `${api}/-/ready`,
  );
  return {
    url: `${api}/api/v1/write`,
    async query(promql) {
      const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      return body.data.result.map(({ metric, value }) => [metric, value[1]]);
    },
    async stop() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
