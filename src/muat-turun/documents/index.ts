import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseSource } from './markdown.js';
import { renderDocument } from './render.js';

/**
 * The Muat Turun PDFs are made from their sources in files/sources/<name>.md (never committed as
 * binaries): on first use in each process, then kept in memory. A source gives the same bytes at
 * each run (fixed creation date), so the ETag, a hash of the bytes, is strong and the same in
 * every worker of the cluster.
 */
export const SOURCES_DIR = path.resolve(import.meta.dirname, '../../../files/sources');

export interface GeneratedDocument {
  body: Buffer;
  etag: string;
  title: string;
}

const SAFE_PDF_NAME = /^([a-z0-9-]+)\.pdf$/;
const cache = new Map<string, Promise<GeneratedDocument | undefined>>();

async function generate(base: string): Promise<GeneratedDocument | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(SOURCES_DIR, `${base}.md`), 'utf8');
  } catch {
    return undefined;
  }
  const source = parseSource(text, `${base}.md`);
  const body = await renderDocument(source);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  return { body, etag, title: source.meta.title };
}

/** The PDF of a stored download name (`<name>.pdf` with a source `<name>.md`), or undefined. */
export function generatedDocument(fileName: string): Promise<GeneratedDocument | undefined> {
  const base = SAFE_PDF_NAME.exec(fileName)?.[1];
  if (!base) return Promise.resolve(undefined);
  let doc = cache.get(base);
  if (!doc) {
    doc = generate(base);
    // A failed render is not kept: the next request tries again.
    doc.catch(() => cache.delete(base));
    cache.set(base, doc);
  }
  return doc;
}
