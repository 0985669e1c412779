/**
 * `npm run build`: compiles the TypeScript to dist/ with tsc (one .js file per .ts file, the same
 * layout) and copies beside it what the code reads at run time, so that dist/ is the whole
 * artefact: `node dist/src/server.js` finds views/, public/ and files/ one level up from its
 * src/ folder (app.ts's ROOT_DIR) exactly as `tsx src/server.ts` finds them in the clone, and
 * data files next to the module that reads them (src/accounts/data/common-passwords.txt).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');

rmSync(DIST, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  { cwd: ROOT, stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

for (const dir of ['views', 'public', 'files'])
  cpSync(path.join(ROOT, dir), path.join(DIST, dir), { recursive: true });

/** Every file under src/ that is not TypeScript (data the modules read beside themselves). */
function copyAssets(dir: string): number {
  let copied = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) copied += copyAssets(full);
    else if (!name.endsWith('.ts')) {
      cpSync(full, path.join(DIST, path.relative(ROOT, full)));
      copied++;
    }
  }
  return copied;
}
const assets = copyAssets(path.join(ROOT, 'src'));
process.stdout.write(`built dist/ (tsc, views, public, files, ${assets} data file(s) from src/)\n`);
