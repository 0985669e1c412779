/** Page links for a paginated list: the current query string is kept, only `page` changes. */
export type PageItem = { page: number; href: string; current: boolean } | { gap: true };

export interface Pagination {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  prevHref: string | null;
  nextHref: string | null;
  items: PageItem[];
}

/** The page number from a query value: anything that is not a whole number ≥ 1 is page 1. */
export function parsePage(raw: unknown): number {
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) return 1;
  const n = Number.parseInt(raw, 10);
  return n >= 1 ? n : 1;
}

/** Clamps the requested page to the pages that exist (a page past the end shows the last one). */
export function clampPage(requested: number, total: number, pageSize: number): number {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return Math.min(Math.max(1, requested), pages);
}

/**
 * Fetches the requested page of a list that knows its total; a page number past the end gets the
 * last page instead (a second fetch only then).
 */
export async function fetchPage<T extends { total: number }>(
  requested: number,
  pageSize: number,
  fetch: (page: { limit: number; offset: number }) => Promise<T>,
): Promise<{ page: number; result: T }> {
  const first = await fetch({ limit: pageSize, offset: (requested - 1) * pageSize });
  const page = clampPage(requested, first.total, pageSize);
  if (page === requested) return { page, result: first };
  return { page, result: await fetch({ limit: pageSize, offset: (page - 1) * pageSize }) };
}

export function buildPagination(
  basePath: string,
  query: Record<string, string | undefined>,
  page: number,
  total: number,
  pageSize: number,
): Pagination {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (v !== undefined && v !== '' && k !== 'page') params.set(k, v);
    if (p > 1) params.set('page', String(p));
    const qs = params.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  // First, last, and two either side of the current page; gaps between.
  const shown = [...new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const items: PageItem[] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1]! > 1) items.push({ gap: true });
    items.push({ page: p, href: href(p), current: p === page });
  });
  return {
    page,
    pages,
    total,
    pageSize,
    prevHref: page > 1 ? href(page - 1) : null,
    nextHref: page < pages ? href(page + 1) : null,
    items,
  };
}
