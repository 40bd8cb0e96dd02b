// Bundles each package for a neutral platform (scripts/bundle.mjs, minified), gzips it and prints a
// table. With --check it fails when a bundle grows past its budget, or imports a Node builtin or
// uses a Node global (packages meant for Node only are allowed to).
import { gzipSync } from 'node:zlib';
import { bundleNeutral } from './bundle.mjs';

// Budgets in gzip bytes, measured plus ~3 %.
// Issue 17's exemplars grew every package that bundles core's counters and histograms by
// ~540 B (see core's budget below); re-measured then, plus ~2.5 %. Then the HTTP metrics'
// `exemplars` option (issue 17) grew http and every adapter by ~465 B: ~355 B of it is core's
// traceparentExemplar and spanExemplar, which a string option cannot leave out of the bundle;
// the Node adapters and fetch add ~30 B more for binary scrapes with their Content-Length.
const BUDGETS = { http: 9050, breaker: 8010, fetch: 9220, hono: 9480, pushgateway: 7410, 'remote-write': 9100, parse: 6500, node: 9330, 'node-runtime': 8750, cluster: 12780, express: 9640, koa: 9410, fastify: 9460 };

const budgets = [
  // What an edge function embeds: the registry with all three metric types and both formats.
  // Issue 3 aimed at 2.5 KB; ~3.2 KB until issues 12-16 added the snapshot, async collect,
  // Accept negotiation, name-clash checks and _created (4836 B), and issue 18 the allocation-free label lookup (5216 B measured). Each budget is the
  // measured size plus a small margin, so any growth fails CI and must be argued for.
  // Issue 17's exemplars add ~540 B (5576 -> 6117 B measured): checking an exemplar (label
  // names, 128 code points, finite value and time), the per-metric stores and OpenMetrics
  // rendering on counters and histograms. The trace helpers (spanExemplar,
  // traceparentExemplar) are only in the whole package.
  { name: '@promkit/core (Registry, all types, both formats)', entry: "export { Registry } from '@promkit/core';", gzip: 6300 },
  { name: '@promkit/core (whole package)', entry: "export * from '@promkit/core';", gzip: 7100 },
  // Every other package bundled whole, with the promkit packages it imports (core, http): what
  // a user's bundle grows by when it starts from nothing.
  ...[
    ['http', 0],
    ['breaker', 0],
    ['fetch', 0],
    ['hono', 0],
    ['pushgateway', 0],
    ['remote-write', 0],
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
  { name: '@promkit/remote-write (writer + compressor, core external)', entry: "export { createRemoteWriter } from '@promkit/remote-write';", gzip: 3150, external: ['@promkit/core'] },
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
