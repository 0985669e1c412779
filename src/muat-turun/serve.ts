import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { NextFunction, Request, Response } from 'express';
import { notFound } from '../middleware/access.js';
import { generatedDocument } from './documents/index.js';
import type { DownloadRow } from './queries.js';
import { contentTypeFor, downloadPath, fileSize } from './service.js';

/** The size in bytes of a download: its generated PDF, or its file; null when neither exists. */
export async function downloadSize(fileName: string): Promise<number | null> {
  const doc = await generatedDocument(fileName);
  return doc ? doc.body.length : fileSize(fileName);
}

/**
 * Sends a download. A PDF made from its source goes out with a strong ETag (a conditional GET
 * gets 304) and may be cached for an hour: by any cache when nobody is signed in (the public
 * manual; no session cookie is set then), else only by the browser. A plain file is streamed.
 */
export async function sendDownload(req: Request, res: Response, next: NextFunction, row: DownloadRow) {
  const disposition = `attachment; filename="${row.file_name}"`;
  const doc = await generatedDocument(row.file_name);
  if (doc) {
    res.status(200);
    res.removeHeader('Pragma');
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': disposition,
      ETag: doc.etag,
      'Cache-Control': `${req.session?.accountId ? 'private' : 'public'}, max-age=3600`,
    });
    if (req.fresh) return res.status(304).end();
    res.set('Content-Length', String(doc.body.length));
    return res.end(doc.body);
  }
  const full = downloadPath(row.file_name);
  if (!full) return next(notFound());
  let size: number;
  try {
    const s = await stat(full);
    if (!s.isFile()) return next(notFound());
    size = s.size;
  } catch {
    return next(notFound());
  }
  res.status(200);
  res.set({
    'Content-Type': contentTypeFor(row.file_name, row.content_type),
    'Content-Length': String(size),
    'Content-Disposition': disposition,
  });
  await pipeline(createReadStream(full), res);
}
