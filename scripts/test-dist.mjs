// Tests the built packages as users load them: the ESM and the CJS build of @promkit/core are
// two copies of the package in one process, and must still share one default registry.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from '@promkit/core';

const cjs = createRequire(import.meta.url)('@promkit/core');

assert.notEqual(esm.Registry, cjs.Registry, 'ESM and CJS builds are distinct copies');
assert.equal(esm.defaultRegistry, cjs.defaultRegistry, 'both copies share the default registry');
const fromEsm = esm.counter({ name: 'dist_check_total', help: 'Built output check.' });
assert.equal(cjs.counter({ name: 'dist_check_total', help: 'Built output check.' }), fromEsm);
fromEsm.inc();
assert.equal(
  cjs.defaultRegistry.metrics(),
  '# HELP dist_check_total Built output check.\n# TYPE dist_check_total counter\ndist_check_total 1\n',
);
console.log('built output ok: the ESM and CJS copies of @promkit/core share defaultRegistry');
