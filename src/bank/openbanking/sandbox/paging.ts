/**
 * Pages of a list, addressed by a `page` query parameter (1-based) that Links.Self,
 * First, Prev, Next and Last carry; every other query parameter is kept.
 */
import type { Request } from 'express';
import type { ObLinks } from './ob-types';
import { requestUrl } from './http';

export const DEFAULT_PAGE_SIZE = 5;

export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly totalPages: number;
}

/** undefined when the page is past the end (an empty list still has its one, empty, page). */
export function pageOf<T>(items: readonly T[], page: number, size: number): Page<T> | undefined {
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  if (page < 1 || page > totalPages) return undefined;
  return { items: items.slice((page - 1) * size, page * size), page, totalPages };
}

export function pageLinks(req: Request, page: number, totalPages: number): ObLinks {
  const at = (n: number) => {
    const url = requestUrl(req);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  return {
    Self: at(page),
    First: at(1),
    ...(page > 1 ? { Prev: at(page - 1) } : {}),
    ...(page < totalPages ? { Next: at(page + 1) } : {}),
    Last: at(totalPages),
  };
}
