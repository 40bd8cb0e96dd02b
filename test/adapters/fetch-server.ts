// Serves a fetch handler on node:http for the shared adapter suite: each request becomes a
// `Request` whose signal aborts when the client goes away, as in Workers, Deno and Bun.
import { createServer } from 'node:http';
import { listen, type RunningApp } from './suite';

export function serveFetch(handler: (request: Request) => Response | Promise<Response>): Promise<RunningApp> {
  return listen(
    createServer(async (req, res) => {
      const controller = new AbortController();
      res.on('close', () => res.writableFinished || controller.abort());
      // An absolute-form target (`GET http://host/x`) is the URL itself, as Node hands it over.
      const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host}`), {
        method: req.method,
        headers: req.headers as Record<string, string>,
        signal: controller.signal,
      });
      let response: Response;
      try {
        response = await handler(request);
      } catch (error) {
        response = new Response(`handled: ${(error as Error).message}`, { status: 500 });
      }
      if (res.destroyed) return;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.writeHead(response.status);
      res.end(Buffer.from(await response.arrayBuffer()));
    }),
  );
}
