import { defineConfig } from 'tsup';

// One build recipe for every package: run from the package folder (`tsup --config ../../tsup.config.ts`).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  treeshake: true,
});
