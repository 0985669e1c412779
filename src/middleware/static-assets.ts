import express from 'express';
import path from 'node:path';

/** public/ with cache headers: a day in development, a week in production (names change with releases). */
export function staticAssets(rootDir: string, isProduction: boolean) {
  return express.static(path.join(rootDir, 'public'), {
    index: false,
    dotfiles: 'ignore',
    maxAge: isProduction ? '7d' : '1h',
    immutable: false,
    fallthrough: true,
  });
}
