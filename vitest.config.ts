import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace';

// Workspace packages resolve to their TypeScript source through the `@promkit/source`
// export condition, so tests never need a build first (CI still tests the built output).
export default defineConfig({
  resolve: { conditions: ['@promkit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@promkit/source', ...defaultServerConditions] } },
  test: { projects, globalSetup: [fileURLToPath(new URL('./test/setup/python-client.ts', import.meta.url))], reporters: ['default', './vitest.summary-reporter.ts'] },
});
