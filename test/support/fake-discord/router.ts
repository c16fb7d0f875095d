import type { UploadedFile } from './http-body';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

export interface RouteReply {
  status: number;
  body?: unknown;
}

export type RouteHandler = (request: RouteRequest) => RouteReply;

/** `bot`: needs `Authorization: Bot <token>`; `none`: interaction callbacks and webhooks, sent without auth. */
export type RouteAuth = 'bot' | 'none';

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  auth: RouteAuth;
  handler: RouteHandler;
}

export interface RouteMatch {
  route: string;
  auth: RouteAuth;
  params: Record<string, string>;
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** `pattern` like `/channels/:channelId/messages`; parameters match one decoded path segment. */
  add(method: string, pattern: string, auth: RouteAuth, handler: RouteHandler): void {
    this.routes.push({ method, pattern, segments: pattern.split('/').filter(Boolean), auth, handler });
  }

  match(method: string, decodedSegments: string[]): RouteMatch | null {
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== decodedSegments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((segment, i) => {
        const actual = decodedSegments[i] ?? '';
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = actual;
          return actual.length > 0;
        }
        return segment === actual;
      });
      if (matches)
        return {
          route: `${route.method} ${route.pattern}`,
          auth: route.auth,
          params,
          handler: route.handler,
        };
    }
    return null;
  }
}
