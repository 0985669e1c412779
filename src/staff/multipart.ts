import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';

export type ReceiveResult<T> = { kind: 'noFile' } | { kind: 'file'; value: T };

/**
 * Streams ONE file field of a multipart/form-data request to `handle` as it arrives (nothing is
 * buffered whole). Busboy enforces the size limit while reading: past `maxBytes` the stream ends
 * early and `isTruncated()` turns true. When `handle` fails, the rest of the request is drained
 * and discarded so the response can be sent at once.
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
    let task: Promise<T> | undefined;
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
      if (name !== options.field || task || !info.filename) {
        stream.resume();
        return;
      }
      let truncated = false;
      stream.on('limit', () => {
        truncated = true;
      });
      task = handle(stream, info.filename, () => truncated);
      task.catch((err: unknown) => {
        abandon();
        settle(() => reject(err));
      });
    });
    parser.on('close', () => {
      if (!task) return settle(() => resolve({ kind: 'noFile' }));
      task.then(
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

/** A file name safe to store and show: the last path part, printable, at most 200 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'upload.csv').slice(0, 200);
}
