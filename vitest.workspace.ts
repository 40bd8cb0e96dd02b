/**
 * The test projects of the monorepo, one per package.
 *
 * Vitest 4 no longer reads this file by itself: `vitest.config.ts` imports it into
 * `test.projects`, so this list stays the single place that names what runs.
 */
const packageProject = (name: string) => ({
  extends: true as const,
  test: {
    name,
    root: `packages/${name}`,
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: 'tsconfig.test.json' },
  },
});

export default [
  packageProject('core'),
  packageProject('http'),
  packageProject('breaker'),
  packageProject('node'),
  packageProject('express'),
  packageProject('koa'),
  packageProject('fastify'),
  packageProject('fetch'),
  packageProject('hono'),
  packageProject('node-runtime'),
  packageProject('cluster'),
  packageProject('parse'),
  packageProject('pushgateway'),
  packageProject('remote-write'),
  packageProject('protobuf'),
  { extends: true as const, test: { name: 'nestjs', root: 'examples/nestjs', include: ['*.test.ts'] } },
  {
    extends: true as const,
    test: { name: 'dashboard', root: 'test/dashboard', include: ['*.test.ts'] },
  },
  {
    extends: true as const,
    test: { name: 'runtimes', root: 'test/runtimes', include: ['*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
  },
  {
    extends: true as const,
    test: { name: 'migration', root: 'test/migration', include: ['*.test.ts'] },
  },
  {
    extends: true as const,
    test: { name: 'packed', root: 'test/packed', include: ['*.test.ts'], testTimeout: 60_000, hookTimeout: 300_000 },
  },
  {
    extends: true as const,
    test: {
      name: 'integration',
      root: 'test/integration',
      include: ['*.test.ts'],
      globalSetup: ['./install.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
];
