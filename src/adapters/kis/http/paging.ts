import type { z } from 'zod';
import type { KisHttpClient, KisReadRequest } from './client';
import { KisResponseShapeError } from './errors';

interface Cursor {
  ctx_area_fk100: string;
  ctx_area_nk100: string;
}

export const MAX_PAGES = 200;

/**
 * Reads every page of a tr_cont-paginated account API: the first call sends tr_cont '' and empty cursors,
 * the following ones tr_cont 'N' with the cursors exactly as KIS returned them, until the response header
 * says D/E or the continuation cursor comes back empty (nothing to continue from). Any failed page throws —
 * a partial list is never returned; neither is one cut at the page bound or one whose cursor stopped moving.
 */
export async function readAllPages<S extends z.ZodType<Cursor>>(
  http: KisHttpClient,
  request: Omit<KisReadRequest<S>, 'trCont'>,
  maxPages = MAX_PAGES,
): Promise<z.output<S>[]> {
  const pages: z.output<S>[] = [];
  let cursor: Cursor = { ctx_area_fk100: '', ctx_area_nk100: '' };
  for (let index = 0; index < maxPages; index++) {
    const page = await http.read({
      ...request,
      trCont: index === 0 ? '' : 'N',
      query: {
        ...request.query,
        CTX_AREA_FK100: cursor.ctx_area_fk100,
        CTX_AREA_NK100: cursor.ctx_area_nk100,
      },
    });
    pages.push(page.body);
    if (!page.hasNext) return pages;
    const next = { ctx_area_fk100: page.body.ctx_area_fk100, ctx_area_nk100: page.body.ctx_area_nk100 };
    // tr_cont says "more" but there is no cursor to continue from: KIS has nothing further to give.
    if (next.ctx_area_nk100.trim() === '' && next.ctx_area_fk100.trim() === '') return pages;
    if (
      index > 0 &&
      next.ctx_area_nk100 === cursor.ctx_area_nk100 &&
      next.ctx_area_fk100 === cursor.ctx_area_fk100
    ) {
      throw new KisResponseShapeError(
        'PAGING_STUCK',
        `${request.trId}: paging stopped at page ${index + 1}: KIS returned the same cursor again, so the list would never end`,
        'never',
      );
    }
    cursor = next;
  }
  throw new KisResponseShapeError(
    'TOO_MANY_PAGES',
    `${request.trId}: paging stopped after ${maxPages} pages while KIS still said more follow (tr_cont F/M); the list is incomplete and was not used`,
    'never',
  );
}
