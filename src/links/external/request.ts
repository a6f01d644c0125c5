/**
 * One request and its response head, through undici's dispatch API: no stream or abort signal
 * per request, which at thousands of URLs is most of the client's own cost.
 */
import type { Agent, Dispatcher } from 'undici';
import { BudgetSpent, type RunBudget } from './budget.js';

export type Method = 'HEAD' | 'GET';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** No answer in time; the message says within what. */
export class TimedOut extends Error {}
/** A GET body read far enough: the status is known, the rest is not wanted. */
class BodyCut extends Error {}

const MAX_BODY_BYTES = 64 * 1024;

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return error instanceof TimedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** Sends requests through `agent`; each gets `timeout` milliseconds in all, connecting included, and ends when the run's budget does. */
export function createSender(agent: Agent, userAgent: string, budget: RunBudget) {
  return (url: URL, method: Method, timeout: number): Promise<Response> =>
    new Promise((resolve, reject) => {
      let response: Response | undefined;
      let received = 0;
      let controller: Dispatcher.DispatchController | undefined;
      let pendingAbort: Error | undefined;
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        releaseBudget();
        if (response && (error === undefined || error instanceof BodyCut)) resolve(response);
        else reject(error instanceof BudgetSpent ? error : isTimeout(error) ? new TimedOut() : error);
      };
      // Before the request is written (still connecting) there is nothing to abort yet: the
      // exchange ends now, and the request is aborted as soon as it starts.
      const abort = (error: Error) => {
        if (controller) controller.abort(error);
        else {
          pendingAbort = error;
          settle(error);
        }
      };
      const timer = setTimeout(() => abort(new TimedOut()), timeout);
      const releaseBudget = budget.whenSpent(() => abort(new BudgetSpent()));
      agent.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method,
          headers: { 'user-agent': userAgent, accept: '*/*' },
          // undici closes the connection after every HEAD unless told not to (a guard against
          // servers that send a body anyway); it still closes when the server does not say
          // keep-alive, and a stray body only costs a reconnect, so a HEAD need not cost a new
          // TCP (and TLS) handshake.
          reset: false,
        },
        {
          onRequestStart(started) {
            controller = started;
            if (pendingAbort) started.abort(pendingAbort);
          },
          onResponseStart(_controller, status, headers) {
            response = { status, headers };
          },
          // Reading a small body keeps the connection alive for the next request; a large one is cut short.
          onResponseData(current, chunk) {
            received += chunk.length;
            if (received > MAX_BODY_BYTES) current.abort(new BodyCut());
          },
          onResponseEnd: () => settle(),
          onResponseError: (_controller, error) => settle(error),
        },
      );
    });
}
