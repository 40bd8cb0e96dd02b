// A scrape of a large registry must not stall the server that serves it: rendering yields to
// the event loop (a macrotask, so timers and I/O run) whenever it has worked for SLICE_MS.
const SLICE_MS = 5;
/** Joins rendered chunks, yielding to the event loop whenever it has worked for 5 ms. */
export async function sliced(chunks: Iterable<string>): Promise<string> {
  let out = '';
  let since = performance.now();
  for (const chunk of chunks) {
    out += chunk;
    if (performance.now() - since >= SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = performance.now();
    }
  }
  return out;
}
