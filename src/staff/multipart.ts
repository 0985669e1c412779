import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';

export type ReceiveResult<T> = { kind: 'noFile' } | { kind: 'file'; value: T };

interface Spooled {
  file: string;
  fileName: string;
  truncated: boolean;
}

/**
 * Receives ONE file field of a multipart/form-data request and hands it to `handle` as a stream.
 *
 * The file is first spooled to a private temporary file (mode 0600, removed before the answer
 * goes out, whatever happens), and `handle` reads it from there once the request has been
 * received whole. Why not hand the network stream straight to the validator: then receiving the
 * request lasts as long as the database work, and a slow check (a lock, a loaded server) could
 * run it past Node's request timeout (server.requestTimeout, 300 s) and cut the officer's upload
 * off halfway. Memory stays bounded either way: nothing is held whole, on the way in or out.
 *
 * Busboy enforces the size limit while reading: past `maxBytes` the file ends early and
 * `isTruncated()` is true. A failure drains and discards the rest of the request.
 */
export function receiveFile<T>(
  req: Request,
  options: { field: string; maxBytes: number },
  handle: (stream: Readable, fileName: string, isTruncated: () => boolean) => Promise<T>,
): Promise<ReceiveResult<T>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          fileSize: options.maxBytes,
          fields: 10,
          fieldSize: 1024,
          parts: 12,
          headerPairs: 50,
        },
      });
    } catch {
      // Not multipart (or no boundary): the same answer as a form without a file.
      resolve({ kind: 'noFile' });
      return;
    }
    let spooled: Promise<Spooled> | undefined;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const abandon = () => {
      req.unpipe(parser);
      parser.on('error', () => {});
      req.resume();
    };
    parser.on('file', (name, stream, info) => {
      if (name !== options.field || spooled || !info.filename) {
        stream.resume();
        return;
      }
      const fileName = info.filename;
      let truncated = false;
      stream.on('limit', () => {
        truncated = true;
      });
      const pending = spool(stream).then((file): Spooled => ({ file, fileName, truncated }));
      spooled = pending;
      pending.catch((err: unknown) => {
        abandon();
        settle(() => reject(err));
      });
    });
    parser.on('close', () => {
      if (!spooled) return settle(() => resolve({ kind: 'noFile' }));
      spooled
        .then(async ({ file, fileName, truncated }) => {
          try {
            return await handle(createReadStream(file), fileName, () => truncated);
          } finally {
            await removeSpool(file);
          }
        })
        .then(
          (value) => settle(() => resolve({ kind: 'file', value })),
          (err: unknown) => settle(() => reject(err)),
        );
    });
    parser.on('error', (err: unknown) => {
      abandon();
      settle(() => reject(err));
    });
    req.pipe(parser);
  });
}

/** Writes the stream to a new private temporary file and returns its path. */
async function spool(stream: Readable): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ispeks-upload-'));
  const file = path.join(dir, 'upload.csv');
  try {
    await pipeline(stream, createWriteStream(file, { mode: 0o600, flags: 'wx' }));
    return file;
  } catch (err) {
    await removeSpool(file);
    throw err;
  }
}

/** Payroll files hold salaries: the temporary copy goes as soon as it has been read. */
async function removeSpool(file: string): Promise<void> {
  await rm(path.dirname(file), { recursive: true, force: true });
}

/** A file name safe to store and show: the last path part, printable, at most 200 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'upload.csv').slice(0, 200);
}
