import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { parseSource } from './markdown.js';
import { renderDocument } from './render.js';

/**
 * The Muat Turun PDFs are made from their sources in files/sources/<name>.md (never committed as
 * binaries): when the process starts serving (warmDocuments), or on first use if that failed,
 * then kept in memory. A source gives the same bytes at
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

let builds = 0;
/** How many documents this process has built (tests check that a download after the warm-up builds none). */
export function documentBuildCount(): number {
  return builds;
}

async function generate(base: string): Promise<GeneratedDocument | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(SOURCES_DIR, `${base}.md`), 'utf8');
  } catch {
    return undefined;
  }
  builds += 1;
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

/**
 * Builds every document with a source, one after another, so that no download waits for one
 * (src/serve.ts runs it in the background once listening). Never rejects: a document that fails
 * is logged and built on its first request instead (generatedDocument keeps no failed build).
 */
export async function warmDocuments(logger: Logger): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(SOURCES_DIR)).filter((n) => n.endsWith('.md'));
  } catch (err) {
    logger.warn({ err }, 'Muat Turun documents not built at start; built on request');
    return;
  }
  for (const name of names) {
    const fileName = `${name.slice(0, -'.md'.length)}.pdf`;
    try {
      await generatedDocument(fileName);
    } catch (err) {
      logger.warn({ err, document: fileName }, 'Muat Turun document not built at start; built on request');
    }
  }
}
