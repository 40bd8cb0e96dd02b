// Remote write: @promkit/remote-write against prometheus-remote-write (npm: protobufjs +
// snappyjs) on the same 1,000 series, encode + snappy time in alternating rounds of one
// process, and the bundle size of each (esbuild, minified, gzip) in the same run.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeWriteRequest, snappyCompress } from '@promkit/remote-write';
import { build } from 'esbuild';
import remoteWrite from 'prometheus-remote-write';
import { compare, formatNs } from './harness.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
// The very snappyjs that prometheus-remote-write itself compresses with.
const SnappyJS = createRequire(createRequire(import.meta.url).resolve('prometheus-remote-write'))('snappyjs');

// 1,000 counter series of a typical HTTP family, one sample each.
const series = Array.from({ length: 1000 }, (_, i) => ({
  labels: { __name__: 'http_requests_total', instance: 'edge-1', job: 'api', method: ['GET', 'POST'][i % 2], route: `/r/${i}`, status_code: String(200 + (i % 4)) },
  value: i * 1.5,
  timestamp: 1_700_000_000_000 + i,
}));
const ours = series.map(({ labels, value, timestamp }) => ({ labels: Object.entries(labels), samples: [{ value, timestamp }] }));
const theirs = { timeseries: series.map(({ labels, value, timestamp }) => ({ labels: Object.entries(labels).map(([name, v]) => ({ name, value: v })), samples: [{ value, timestamp }] })) };

async function gzipSize(contents, platform) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    conditions: ['@promkit/source'],
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

export async function runRemoteWriteBenchmark() {
  const time = await compare(
    {
      promkit: (n) => {
        for (let i = 0; i < n; i++) snappyCompress(encodeWriteRequest(ours));
      },
      'prometheus-remote-write': async (n) => {
        for (let i = 0; i < n; i++) SnappyJS.compress(await remoteWrite.serialize(theirs));
      },
    },
    { iterations: 20, rounds: 9, warmup: 2 },
  );
  // Whole packages as a user bundles them: ours with core, theirs with protobufjs and snappyjs.
  const size = {
    promkit: await gzipSize("export * from '@promkit/remote-write';", 'neutral'),
    'prometheus-remote-write': await gzipSize("export * from 'prometheus-remote-write';", 'node'),
  };
  return { series: series.length, time, size, timeRatio: time['prometheus-remote-write'] / time.promkit, sizeRatio: size['prometheus-remote-write'] / size.promkit };
}

export const remoteWriteTable = (r) =>
  [
    `| remote write, ${r.series} series | promkit | prometheus-remote-write | ratio |`,
    '|---|---:|---:|---:|',
    `| encode + snappy | ${formatNs(r.time.promkit)} | ${formatNs(r.time['prometheus-remote-write'])} | ${r.timeRatio.toFixed(1)}x |`,
    `| bundle, min+gzip | ${r.size.promkit} B | ${r.size['prometheus-remote-write']} B | ${r.sizeRatio.toFixed(1)}x |`,
  ].join('\n');

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(remoteWriteTable(await runRemoteWriteBenchmark()));
