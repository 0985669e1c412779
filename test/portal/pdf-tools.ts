import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

/** Runs a poppler tool (pdfinfo, pdftotext, pdffonts, pdftoppm) and returns what it prints. */
export async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    return (await run(tool, args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install poppler-utils)`, {
        cause: err,
      });
    throw err;
  }
}

/** Saves a PDF under test-artifacts/ for poppler (and a person) to open. */
export async function saved(name: string, body: Uint8Array): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  writeFileSync(file, body);
  return file;
}
