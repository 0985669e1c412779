import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import express, { type NextFunction, type Request, type Response } from 'express';
import path from 'node:path';

/** `app.css` → `app.<10 hex digits of its SHA-256>.css`: the name changes whenever the content does. */
const HASHED = /^(.*)\.([0-9a-f]{10})(\.[A-Za-z0-9]+)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

function contentHash(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);
  } catch {
    return undefined;
  }
}

function hashedName(relative: string, hash: string): string {
  const ext = path.extname(relative);
  return `${relative.slice(0, relative.length - ext.length)}.${hash}${ext}`;
}

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, base, out);
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/**
 * public/ under content-hashed names (issue 15): templates write `asset('/public/css/app.css')`,
 * which gives `/public/css/app.<hash>.css`, served with a year's immutable cache (a new release
 * with new content gets a new name, so nothing stale is ever read from a cache). The plain names
 * still work with a short cache (bookmarks, emails, old pages). In production the hashes are
 * computed once at start; in development on each use, so an edited file shows at once.
 */
export function staticAssets(rootDir: string, isProduction: boolean) {
  const publicDir = path.join(rootDir, 'public');
  const manifest = new Map<string, string>();
  if (isProduction) {
    for (const relative of walk(publicDir)) {
      const hash = contentHash(path.join(publicDir, relative));
      if (hash) manifest.set(relative, hash);
    }
  }
  const hashOf = (relative: string): string | undefined =>
    isProduction ? manifest.get(relative) : contentHash(path.join(publicDir, relative));

  /** The URL to write in a page for `/public/...`; an unknown file keeps its plain name. */
  const asset = (url: string): string => {
    if (!url.startsWith('/public/')) return url;
    const relative = url.slice('/public/'.length);
    if (relative.includes('..')) return url;
    const hash = hashOf(relative);
    return hash ? `/public/${hashedName(relative, hash)}` : url;
  };

  const immutable = new WeakSet<Request>();
  const serve = express.static(publicDir, {
    index: false,
    dotfiles: 'ignore',
    maxAge: isProduction ? '1h' : 0,
    fallthrough: true,
    setHeaders: (res) => {
      if (immutable.has(res.req)) res.setHeader('Cache-Control', IMMUTABLE);
    },
  });
  // A hashed name is served from its plain file; immutable only when the hash is the current one
  // (a page from before a release may still ask for an older hash: it gets today's file, briefly cached).
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const match = HASHED.exec(req.path);
    if (match) {
      const relative = `${match[1]!.replace(/^\//, '')}${match[3]}`;
      if (!relative.includes('..') && hashOf(relative) === match[2]) immutable.add(req);
      req.url = `/${relative}${req.url.slice(req.path.length)}`;
    }
    serve(req, res, next);
  };
  return { middleware, asset };
}
