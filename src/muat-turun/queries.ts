import type { Knex } from 'knex';

export interface DownloadRow {
  id: number;
  slug: string;
  category: 'manual' | 'form';
  title_ms: string;
  title_en: string;
  file_name: string;
  content_type: string;
}

const COLUMNS = ['id', 'slug', 'category', 'title_ms', 'title_en', 'file_name', 'content_type'];

export function listDownloads(db: Knex | Knex.Transaction): Promise<DownloadRow[]> {
  return db('downloads')
    .select(COLUMNS)
    .orderByRaw("CASE category WHEN 'manual' THEN 0 ELSE 1 END")
    .orderBy([
      { column: 'sort_order', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
}

export function findDownload(db: Knex | Knex.Transaction, slug: string): Promise<DownloadRow | undefined> {
  return db('downloads').where('slug', slug).first<DownloadRow | undefined>(COLUMNS);
}
