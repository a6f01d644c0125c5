/** A real HTTP server on 127.0.0.1 with the behaviours external link checking must handle. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

export interface TestServer {
  origin: string;
  port: number;
  /** Requests received per path (HEAD and GET both count). */
  hits: Map<string, number>;
  maxInFlight: number;
  /** TCP connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => unknown;

const routes: Record<string, Handler> = {
  '/ok': (_request, response) => response.writeHead(200).end('ok'),
  '/missing': (_request, response) => response.writeHead(404).end(),
  '/gone': (_request, response) => response.writeHead(410).end(),
  '/linkedin': (_request, response) => response.writeHead(999).end(),
  '/cloudflare': (_request, response) => response.writeHead(403, { 'cf-mitigated': 'challenge' }).end(),
  '/moved': (_request, response) => response.writeHead(301, { location: '/ok' }).end(),
  '/loop-a': (_request, response) => response.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_request, response) => response.writeHead(302, { location: '/loop-a' }).end(),
  '/rate-limited': (_request, response, hit) => (hit === 1 ? response.writeHead(429, { 'retry-after': '1' }).end() : response.writeHead(200).end()),
  '/always-429': (_request, response) => response.writeHead(429, { 'retry-after': '0' }).end(),
  '/busy': (_request, response) => response.writeHead(429, { 'retry-after': '1' }).end(),
  '/come-back-in-11-days': (_request, response) => response.writeHead(429, { 'retry-after': '999999' }).end(),
  '/to-file': (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/to-ftp': (_request, response) => response.writeHead(301, { location: 'ftp://files.example.invalid/pub/x' }).end(),
  '/to-javascript': (_request, response) => response.writeHead(307, { location: 'javascript:alert(document.domain)' }).end(),
  '/flaky': (_request, response, hit) => (hit === 1 ? response.writeHead(503).end() : response.writeHead(200).end()),
  '/down': (_request, response) => response.writeHead(503).end(),
  '/no-head': (request, response) => (request.method === 'HEAD' ? response.writeHead(405).end() : response.writeHead(200).end('body')),
  // A large page behind a HEAD refusal: the checker needs its status, not 4 MB.
  '/large': (request, response) => (request.method === 'HEAD' ? response.writeHead(405).end() : response.writeHead(200).end('x'.repeat(4 * 1024 * 1024))),
  '/slow': async (_request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    if (!response.destroyed) response.writeHead(200).end();
  },
  // An endless chain of redirects, 300 ms a hop.
  '/relay': async (request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const hop = Number(/\/relay\/(\d+)/.exec(request.url ?? '')?.[1] ?? 0);
    if (!response.destroyed) response.writeHead(302, { location: `/relay/${hop + 1}` }).end();
  },
  '/held': async (_request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    response.writeHead(200).end();
  },
};

export async function startTestServer(): Promise<TestServer> {
  const hits = new Map<string, number>();
  let inFlight = 0;
  const state = { maxInFlight: 0, connections: 0 };
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = /^\/(?:held|relay)\b/.exec(url.pathname)?.[0] ?? url.pathname;
    const hit = (hits.get(url.pathname) ?? 0) + 1;
    hits.set(url.pathname, hit);
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    response.on('close', () => inFlight--);
    const handler = routes[route];
    if (handler) await handler(request, response, hit);
    else response.writeHead(404).end();
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    hits,
    get maxInFlight() {
      return state.maxInFlight;
    },
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A server that breaks HTTP the way some do: it sends a body after its answer to HEAD, on a
 * connection it says it keeps alive. Counts the requests it answers.
 */
export function startSloppyServer(): Promise<RawServer> {
  return startRawServer('HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello');
}

/** A server that accepts connections and reads requests but never answers. Counts the requests. */
export function startSilentServer(): Promise<RawServer> {
  return startRawServer();
}

interface RawServer {
  origin: string;
  requests: () => number;
  close(): Promise<void>;
}

/** A TCP server on 127.0.0.1 that counts request heads and writes `answer`, as is, to each (or nothing). */
async function startRawServer(answer?: string): Promise<RawServer> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        pending = pending.slice(end + 4);
        requests++;
        if (answer !== undefined) socket.write(answer);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
