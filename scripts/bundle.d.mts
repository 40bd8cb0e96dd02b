/** See bundle.mjs: the one esbuild recipe for a neutral platform. */
export function bundleNeutral(options: {
  entry?: string;
  contents?: string;
  resolveDir?: string;
  minify?: boolean;
  external?: string[];
}): Promise<{ code: string; builtins: string[]; nodeGlobals: boolean }>;
