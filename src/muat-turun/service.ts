import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where plain downloadable files would live (the PDFs are made from files/sources, see
 * documents/); only names stored in the `downloads` table are opened here.
 */
export const DOWNLOADS_DIR = path.resolve(import.meta.dirname, '../../files/downloads');

const SAFE_FILE_NAME = /^[a-z0-9-]+\.(pdf|html|txt)$/;
export const SAFE_SLUG = /^[a-z0-9-]{1,60}$/;

/**
 * The file of a stored name, or undefined: the name comes from the database (never the URL), and
 * must still be a plain file name inside DOWNLOADS_DIR.
 */
export function downloadPath(fileName: string): string | undefined {
  if (!SAFE_FILE_NAME.test(fileName)) return undefined;
  const full = path.join(DOWNLOADS_DIR, fileName);
  return path.dirname(full) === DOWNLOADS_DIR ? full : undefined;
}

/** The size of a stored file in bytes, or null when it is missing. */
export async function fileSize(fileName: string): Promise<number | null> {
  const full = downloadPath(fileName);
  if (!full) return null;
  try {
    const s = await stat(full);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

/** "850 B", "12.3 KB", "1.2 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** The content type to send: the stored one if it agrees with the extension, else by extension. */
export function contentTypeFor(fileName: string, stored: string): string {
  const ext = fileName.split('.').pop() ?? '';
  const byExt = CONTENT_TYPES[ext] ?? 'application/octet-stream';
  const base = (s: string) => s.split(';')[0]!.trim().toLowerCase();
  return base(stored) === base(byExt) ? (stored.includes('charset') ? stored : byExt) : byExt;
}
