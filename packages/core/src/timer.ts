/**
 * Starts a timer; the returned `end(moreLabels?)` records the elapsed seconds with the
 * merged labels and returns them. Uses `performance.now()`, present on every runtime we support.
 */
export function startTimer<L extends object>(
  labels: L | undefined,
  record: (labels: L, seconds: number) => void,
): (moreLabels?: L) => number {
  const start = performance.now();
  return (moreLabels) => {
    const seconds = (performance.now() - start) / 1000;
    record({ ...labels, ...moreLabels } as L, seconds);
    return seconds;
  };
}
