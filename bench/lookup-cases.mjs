// The recording and exposition workloads of `pnpm bench`, each run in a process of its own
// per library (lookup.mjs) so that one case's inline caches and hidden classes cannot help
// another's. Label objects are created fresh on every call, as request-handling code does.
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const TOY_ROUTES = ['/users', '/users/:id', '/orders', '/orders/:id', '/items', '/items/:id', '/health', '/login'];
const STATUSES = ['200', '404', '500'];
const ROUTES = Array.from({ length: 24 }, (_, i) => `/api/v1/resource${i}/:id`);
const CODES = [200, 201, 204, 400, 404, 500];
const NAMES = ['method', 'route', 'status'];

const toy = (i) => ({ method: METHODS[i & 3], route: TOY_ROUTES[i & 7], status: STATUSES[i % 3] });
// 4 x 24 x 6 = 576 series, visited in a scattered order.
const wide = (i) => {
  const k = (i * 7919) % 576;
  return { method: METHODS[k & 3], route: ROUTES[(k >> 2) % 24], status: String(CODES[k % 6]) };
};
const wideStatus = (i) => {
  const k = (i * 7919) % 576;
  return { method: METHODS[k & 3], route: ROUTES[(k >> 2) % 24], status: `${CODES[k % 6]}` };
};
const wideInterned = (() => {
  const statuses = CODES.map(String);
  return (i) => {
    const k = (i * 7919) % 576;
    return { method: METHODS[k & 3], route: ROUTES[(k >> 2) % 24], status: statuses[k % 6] };
  };
})();
const outOfOrder = (i) => {
  const k = (i * 7919) % 576;
  return { status: String(CODES[k % 6]), route: ROUTES[(k >> 2) % 24], method: METHODS[k & 3] };
};

// A process where 24 other metrics with other label names were recorded first, as in a real
// service: the library's lookup code has seen many label object shapes before the measured one.
function pollute(lib) {
  for (let m = 0; m < 24; m++) {
    const names = [`a${m}`, `b${m % 5}`, ...(m % 3 ? [`c${m}`] : [])];
    const counter = lib.counter(names);
    for (let i = 0; i < 2000; i++) counter.inc(Object.fromEntries(names.map((n, j) => [n, `v${(i + j) % 7}`])));
  }
}

const incCase = (labelsAt, { polluted = false } = {}) => (lib) => {
  if (polluted) pollute(lib);
  const counter = lib.counter(NAMES);
  return (n) => {
    for (let i = 0; i < n; i++) counter.inc(labelsAt(i));
  };
};

export const CASES = {
  'inc, 8 combinations (toy)': { make: incCase(toy), iterations: 200_000, realistic: false },
  'inc, 576 series': { make: incCase(wideInterned), iterations: 200_000, realistic: true },
  'inc, 576 series, status made per call': { make: incCase(wideStatus), iterations: 200_000, realistic: true },
  'inc, 576 series, keys out of labelNames order': { make: incCase(outOfOrder), iterations: 200_000, realistic: true },
  'inc, 576 series, polluted process': { make: incCase(wide, { polluted: true }), iterations: 200_000, realistic: true },
  'observe, 8 combinations (toy)': {
    make: (lib) => {
      const histogram = lib.histogram(NAMES);
      return (n) => {
        for (let i = 0; i < n; i++) histogram.observe(toy(i), (i % 1000) / 997);
      };
    },
    iterations: 200_000,
    realistic: false,
  },
  'bound child inc()': {
    make: (lib) => {
      const child = lib.counter(NAMES).child(toy(1));
      return (n) => {
        for (let i = 0; i < n; i++) child.inc();
      };
    },
    iterations: 2_000_000,
    realistic: false,
  },
  'exposition, 1,000 counter + 1,000 histogram series': {
    make: (lib) => {
      const counter = lib.counter(NAMES);
      const histogram = lib.histogram(NAMES);
      for (let i = 0; i < 1000; i++) {
        const labels = { method: METHODS[i & 3], route: `/route/${i}`, status: STATUSES[i % 3] };
        counter.inc(labels);
        histogram.observe(labels, i / 100);
      }
      return async (n) => {
        for (let i = 0; i < n; i++) await lib.render();
      };
    },
    iterations: 20,
    realistic: false,
    reference: false,
  },
};

// Heap bytes per series with the label values kept alive (as a server's routes and methods
// are) and typed-array buffers counted.
export const MEMORY = {
  'labeled counter series': (lib, labels) => {
    const counter = lib.counter(NAMES);
    for (const l of labels) counter.inc(l);
    return counter;
  },
  'histogram series': (lib, labels) => {
    const histogram = lib.histogram(NAMES);
    for (const l of labels) histogram.observe(l, 0.1);
    return histogram;
  },
};
