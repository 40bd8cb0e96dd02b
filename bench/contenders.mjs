// The libraries the benchmarks compare, behind one small interface, so a case is written
// once: `counter(labelNames)` and `histogram(labelNames)` return `{ inc(labels), observe(labels, v),
// child(labels) }`, `render()` returns (or resolves to) the exposition of everything created.
// `reference` is what code generation would give (static property reads of each label,
// measured only: promkit never generates code, edge runtimes forbid it).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function promkit() {
  const { Registry } = require('@promkit/core');
  const registry = new Registry({ maxSeries: 1_000_000 });
  let n = 0;
  return {
    counter(labelNames) {
      const c = registry.counter({ name: `c${n++}_total`, help: 'h', labelNames });
      return { inc: (labels) => c.inc(labels), child: (labels) => c.labels(labels) };
    },
    histogram(labelNames) {
      const h = registry.histogram({ name: `h${n++}_seconds`, help: 'h', labelNames });
      return { observe: (labels, v) => h.observe(labels, v), child: (labels) => h.labels(labels) };
    },
    render: () => registry.metrics(),
  };
}

// prom-client 15 and its successor share the API.
const promClientLike = (module) => () => {
  const client = require(module);
  const registry = new client.Registry();
  let n = 0;
  return {
    counter(labelNames) {
      const c = new client.Counter({ name: `c${n++}_total`, help: 'h', labelNames, registers: [registry] });
      return { inc: (labels) => c.inc(labels), child: (labels) => c.labels(labels) };
    },
    histogram(labelNames) {
      const h = new client.Histogram({ name: `h${n++}_seconds`, help: 'h', labelNames, registers: [registry] });
      return { observe: (labels, v) => h.observe(labels, v), child: (labels) => h.labels(labels) };
    },
    render: () => registry.metrics(),
  };
};

function otel() {
  const { MeterProvider } = require('@opentelemetry/sdk-metrics');
  const { PrometheusExporter, PrometheusSerializer } = require('@opentelemetry/exporter-prometheus');
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const meter = new MeterProvider({ readers: [exporter] }).getMeter('bench');
  const serializer = new PrometheusSerializer();
  let n = 0;
  return {
    counter() {
      const c = meter.createCounter(`c${n++}`);
      // OpenTelemetry has no bound instruments: a "child" keeps the attributes object.
      return { inc: (labels) => c.add(1, labels), child: (labels) => ({ inc: () => c.add(1, labels) }) };
    },
    histogram() {
      const h = meter.createHistogram(`h${n++}`, { unit: 's' });
      return { observe: (labels, v) => h.record(v, labels), child: (labels) => ({ observe: (v) => h.record(v, labels) }) };
    },
    render: async () => serializer.serialize((await exporter.collect()).resourceMetrics),
  };
}

// What `new Function` would emit for one label set shape: each label read by a static
// property access, unknown labels still rejected by counting the keys, a trie of Maps.
function reference() {
  let n = 0;
  const lookup = (labelNames, create) => {
    const reads = labelNames.map((name, i) => `const v${i} = labels[${JSON.stringify(name)}]; if (v${i} === undefined) throw new TypeError('missing ${name}');`).join('\n');
    const walk = labelNames
      .map((_, i) => (i < labelNames.length - 1 ? `node = node.get(v${i}) ?? set(node, v${i}, new Map());` : `return node.get(v${i}) ?? set(node, v${i}, create());`))
      .join('\n');
    // biome-ignore lint/security/noGlobalEval: the benchmark's code-generation reference, never shipped
    return new Function('root', 'create', `const set = (m, k, v) => (m.set(k, v), v);
      return (labels) => {
        let count = 0; for (const k in labels) count++;
        if (count !== ${labelNames.length}) throw new TypeError('unknown label');
        ${reads}
        let node = root;
        ${walk}
      };`)(new Map(), create);
  };
  return {
    counter(labelNames) {
      n++;
      const at = lookup(labelNames, () => ({ value: 0, inc(v = 1) { this.value += v; } }));
      return { inc: (labels) => at(labels).inc(), child: (labels) => at(labels) };
    },
    histogram(labelNames) {
      n++;
      const bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
      const create = () => ({
        counts: new Float64Array(bounds.length + 1),
        sum: 0,
        observe(v) {
          let i = 0;
          while (i < bounds.length && v > bounds[i]) i++;
          this.counts[i]++;
          this.sum += v;
        },
      });
      const at = lookup(labelNames, create);
      return { observe: (labels, v) => at(labels).observe(v), child: (labels) => at(labels) };
    },
    render: () => '',
  };
}

export const CONTENDERS = {
  promkit,
  'prom-client': promClientLike('prom-client'),
  '@prometheus-io/client': promClientLike('@prometheus-io/client'),
  'otel sdk-metrics': otel,
  reference,
};
