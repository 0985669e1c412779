/**
 * The benchmark's yardstick (issue 15): TechEmpower's Fortunes test as a bare Express 5 + EJS +
 * pg app. Per request: one prepared query of the 12 rows, one row added, sorted by message,
 * rendered through an EJS template that escapes every message. Pool of 10, views cached
 * (NODE_ENV=production). Nothing else: no session, no helmet, no logging.
 *
 * Written in erasable TypeScript only, so that Node 24 runs it as it is (type stripping), on the
 * same Node binary as the built portal: `node bench/anchor/server.ts` with DATABASE_URL and PORT.
 */
import express from 'express';
import path from 'node:path';
import pg from 'pg';

const ADDED = 'Additional fortune added at request time.';
const QUERY = { name: 'fortunes', text: 'SELECT id, message FROM fortune' };

interface Fortune {
  id: number;
  message: string;
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = express();
app.set('view engine', 'ejs');
app.set('views', path.join(import.meta.dirname, 'views'));
app.set('view cache', true);
app.set('x-powered-by', false);
app.set('etag', false);

app.get('/fortunes', async (_req, res, next) => {
  try {
    const { rows } = await pool.query<Fortune>(QUERY);
    rows.push({ id: 0, message: ADDED });
    rows.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    res.set('Server', 'Express');
    res.render('fortunes', { fortunes: rows });
  } catch (err) {
    next(err);
  }
});

const server = app.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', () => {
  process.stdout.write(`anchor listening on ${process.env.PORT ?? 8080}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
