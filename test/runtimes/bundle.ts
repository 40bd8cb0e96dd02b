// The runtime tests bundle with the project's one neutral-platform recipe (scripts/bundle.mjs).
import { bundleNeutral as bundle } from '../../scripts/bundle.mjs';

export async function bundleNeutral(input: { entry: string } | { contents: string; resolveDir: string }): Promise<string> {
  return (await bundle(input)).code;
}
