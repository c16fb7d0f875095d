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
 * says D/E. Any failed page throws — a partial list is never returned.
 */
export async function readAllPages<S extends z.ZodType<Cursor>>(
  http: KisHttpClient,
  request: Omit<KisReadRequest<S>, 'trCont'>,
): Promise<z.output<S>[]> {
  const pages: z.output<S>[] = [];
  let cursor: Cursor = { ctx_area_fk100: '', ctx_area_nk100: '' };
  for (let index = 0; index < MAX_PAGES; index++) {
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
    cursor = { ctx_area_fk100: page.body.ctx_area_fk100, ctx_area_nk100: page.body.ctx_area_nk100 };
  }
  throw new KisResponseShapeError('TOO_MANY_PAGES', `${request.trId}: more than ${MAX_PAGES} pages`, 'never');
}
