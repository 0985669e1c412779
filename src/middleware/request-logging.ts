import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** One log line per request with a request ID that the 500 page also shows. */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // An outage 503 (the database unreachable) is the platform's state, not a bug: warn, with
    // no made-up error object; a 500 stays an error with its stack.
    customLogLevel: (_req, res, err) =>
      res.statusCode === 503
        ? 'warn'
        : err || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : 'info',
    customErrorObject: (_req, res, err, value: Record<string, unknown>) =>
      res.statusCode === 503 ? { ...value, err: undefined } : value,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
