import type { UploadedFile } from './http-body';

export interface RecordedRequest {
  /** Position in the log, usable as a cursor: `(r, i) => i >= mark && …`. */
  index: number;
  method: string;
  /** Path below `/api/v10` as it arrived on the wire (`…/messages/%40original`). */
  path: string;
  /** The same path with each segment URL-decoded (`…/messages/@original`). */
  decodedPath: string;
  query: Record<string, string>;
  /** The matched route pattern, e.g. `POST /channels/:channelId/messages`; null when no route matched. */
  route: string | null;
  params: Record<string, string>;
  /** The JSON body (or `payload_json` of a multipart body). */
  body: unknown;
  files: UploadedFile[];
  /** Whether an `Authorization` header was sent at all; interaction callbacks and webhooks send none. */
  hasAuthorization: boolean;
  at: Date;
  status: number;
  response: unknown;
  /** Headers the fake answered with beyond content-type (the X-RateLimit set of a 429). */
  responseHeaders: Record<string, string>;
}

export type RequestPredicate = (request: RecordedRequest, index: number) => boolean;

interface Waiter {
  predicate: RequestPredicate;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

function describe(request: RecordedRequest): string {
  return `${request.method} ${request.decodedPath} → ${request.status}`;
}

export class RequestLog {
  readonly entries: RecordedRequest[] = [];
  private readonly waiters = new Set<Waiter>();

  add(entry: Omit<RecordedRequest, 'index'>): RecordedRequest {
    const request = { ...entry, index: this.entries.length };
    this.entries.push(request);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(request, request.index)) this.settle(waiter, () => waiter.resolve(request));
    }
    return request;
  }

  /** Resolves with the first request, already recorded or still to come, that matches. */
  waitFor(predicate: RequestPredicate, timeoutMs: number): Promise<RecordedRequest> {
    const found = this.entries.find((request, index) => predicate(request, index));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          const recent = this.entries.slice(-8).map(describe).join('\n  ');
          this.settle(waiter, () =>
            reject(
              new Error(
                `fake-discord: no matching request within ${timeoutMs} ms; last requests:\n  ${recent || '(none)'}`,
              ),
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  rejectPending(reason: string): void {
    for (const waiter of [...this.waiters]) this.settle(waiter, () => waiter.reject(new Error(reason)));
  }

  private settle(waiter: Waiter, action: () => void): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    action();
  }
}
