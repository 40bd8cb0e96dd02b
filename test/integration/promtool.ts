import { spawnSync } from 'node:child_process';

/** Result of `promtool check metrics` on an exposition: exit code and what it printed. */
export interface Lint {
  readonly code: number | null;
  readonly problems: string;
}

/** Runs `promtool check metrics` with `text` on stdin (exit 0 clean, 3 lint problems, 1 parse error). */
export function promtoolCheck(text: string): Lint {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { code: result.status, problems: `${result.stdout}${result.stderr}`.trim() };
}
