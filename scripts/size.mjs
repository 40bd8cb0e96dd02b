// Bundles each package for a neutral platform (scripts/bundle.mjs, minified), gzips it and prints a
// table. With --check it fails when a bundle grows past its budget, or imports a Node builtin or
// uses a Node global (packages meant for Node only are allowed to).
import { gzipSync } from 'node:zlib';
import { bundleNeutral } from './bundle.mjs';

// Budgets in gzip bytes, measured plus ~3 %.
// Issue 17's exemplars grew every package that bundles core's counters and histograms by
// ~540 B (see core's budget below); re-measured then, plus ~2.5 %.
// Issue 17's summary added ~840 B to each bundle that holds the Registry (see below). The HTTP
// metrics' `exemplars` option (issue 17) grew http and every adapter by ~465 B: ~355 B of it is
// core's traceparentExemplar and spanExemplar, which a string option cannot leave out of the
// bundle; the Node adapters and fetch add ~30 B more for binary scrapes with their Content-Length.
// Issue 18's write-free label lookup (+91 B) and the addFormat negotiation (~60 B) on top.
const BUDGETS = { http: 9980, breaker: 9030, fetch: 10150, hono: 10400, pushgateway: 8430, 'remote-write': 10180, protobuf: 2820, parse: 6500, node: 10250, 'node-runtime': 9750, cluster: 13620, express: 10550, koa: 10330, fastify: 10380 };

const budgets = [
  // What an edge function embeds: the registry with all its metric types and both formats.
  // Issue 3 aimed at 2.5 KB; ~3.2 KB until issues 12-16 added the snapshot, async collect,
  // Accept negotiation, name-clash checks and _created (4836 B), and issue 18 the allocation-free label lookup (5216 B measured). Each budget is the
  // measured size plus a small margin, so any growth fails CI and must be argued for.
  // Issue 17's exemplars add ~660 B (5576 -> 6239 B measured): checking an exemplar (label
  // names, 128 code points, finite value and time), the per-metric stores and OpenMetrics
  // rendering on counters and histograms. The trace helpers (spanExemplar,
  // traceparentExemplar) are only in the whole package.
  // Issue 17's summary adds ~830 B (6144 -> 6974 B measured): the Summary type and its
  // series, the quantile sketch (log-spaced buckets, folding past 1,024) and the window merge,
  // config checks, names and definition. A class's methods cannot be shaken out, so every
  // bundle with the Registry carries it (the issue aimed at < 700 B).
  // Issue 18's write-free label lookup adds ~91 B and registry.addFormat ~60 B (7197 B measured).
  { name: '@promkit/core (Registry, all types, both formats)', entry: "export { Registry } from '@promkit/core';", gzip: 7300 },
  { name: '@promkit/core (whole package)', entry: "export * from '@promkit/core';", gzip: 8150 },
  // Every other package bundled whole, with the promkit packages it imports (core, http): what
  // a user's bundle grows by when it starts from nothing.
  ...[
    ['http', 0],
    ['breaker', 0],
    ['fetch', 0],
    ['hono', 0],
    ['pushgateway', 0],
    ['remote-write', 0],
    ['protobuf', 0],
    ['parse', 0],
    ['node', 1],
    ['node-runtime', 1],
    ['cluster', 1],
    ['express', 1],
    ['koa', 1],
    ['fastify', 1],
  ].map(([name, nodeOnly]) => ({
    name: `@promkit/${name} (whole, with its promkit imports)${nodeOnly ? ', Node only' : ''}`,
    entry: `export * from '@promkit/${name}';`,
    gzip: BUDGETS[name],
    nodeOnly: Boolean(nodeOnly),
  })),
  // Remote write on top of the core a user already bundles for the registry: writer, protobuf
  // encoder and snappy compressor (issue 16 aimed at 2 KB; measured 3.06 KB).
  // Since issue 17 the protobuf wire writer is @promkit/protobuf's, shared with the protobuf
  // exposition; its buffer grows when the size is not known up front (3164 B measured).
  { name: '@promkit/remote-write (writer + compressor, core external)', entry: "export { createRemoteWriter } from '@promkit/remote-write';", gzip: 3260, external: ['@promkit/core'] },
  // Issue 17: @promkit/protobuf imports only types from core, so its row above is the package
  // alone. What an edge function with native histograms embeds (core's Registry too), then what
  // `registry.addFormat(protobuf)` and `native: nativeBuckets()` each add to the core a user
  // already bundles: the MetricFamily encoder, and the bucket index math with its limits.
  // Re-measured with core's exemplars (+656 B, see core's budget above): 9526 B.
  { name: '@promkit/protobuf (whole) with core\'s Registry', entry: "export { Registry } from '@promkit/core'; export * from '@promkit/protobuf';", gzip: 9770 },
  { name: '@promkit/protobuf (protobuf format, core external)', entry: "export { protobuf } from '@promkit/protobuf';", gzip: 1520, external: ['@promkit/core'] },
  { name: '@promkit/protobuf (nativeBuckets, core external)', entry: "export { nativeBuckets } from '@promkit/protobuf';", gzip: 1380, external: ['@promkit/core'] },
];

async function measure({ entry, nodeOnly, external = [] }) {
  const { code, builtins, nodeGlobals } = await bundleNeutral({ contents: entry, minify: true, external });
  const bytes = new TextEncoder().encode(code);
  const platform = nodeOnly ? [] : [...builtins, ...(nodeGlobals ? ['a Node global or code generation'] : [])];
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, builtins: platform };
}

const check = process.argv.includes('--check');
const rows = [];
let failed = false;
for (const budget of budgets) {
  const size = await measure(budget);
  const over = size.gzip > budget.gzip;
  const problem = over ? `over budget by ${size.gzip - budget.gzip} B` : size.builtins.length ? `uses ${size.builtins.join(', ')}` : '';
  failed ||= Boolean(problem);
  rows.push({ bundle: budget.name, minified: size.minified, gzip: size.gzip, budget: budget.gzip, status: problem || 'ok' });
}

const header = '| bundle | minified (B) | gzip (B) | budget (B) | status |';
console.log([header, '|---|---:|---:|---:|---|', ...rows.map((r) => `| ${r.bundle} | ${r.minified} | ${r.gzip} | ${r.budget} | ${r.status} |`)].join('\n'));
if (check && failed) {
  console.error('size check failed');
  process.exit(1);
}
