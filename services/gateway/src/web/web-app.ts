import * as fs from 'node:fs';
import * as path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** Paths that belong to the API and the probes: an unknown one stays a problem+json 404. */
const NOT_THE_APP = /^\/(?:api|health)(?:[/?#]|$)/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cửa khẩu số</title></head>
<body>
<h1>Cửa khẩu số — the web app is not built</h1>
<p>The gateway serves the web app from <code>services/web/dist</code>, which does not exist yet.
Build it with <code>npm run build -w services/web</code> and restart the gateway.</p>
<p>The API is running: <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

/** Whether a GET for `url` is a page of the single-page app (not the API, not a probe). */
export function isAppRoute(url: string): boolean {
  return !NOT_THE_APP.test(url);
}

/**
 * Serves the built web app at `/`: its files (hashed assets cached for a year, the rest
 * revalidated), and `index.html` for every other GET that is not under `/api` or `/health`
 * (client-side routes such as `/driver`). Without a build, those GETs answer a short page
 * saying how to build it; the API works either way.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  distDir: string,
  logger: Logger,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const root = path.resolve(distDir);
  const built = fs.existsSync(path.join(root, 'index.html'));
  if (!built) {
    logger.warn({ distDir: root }, 'web app not built: run npm run build -w services/web');
  } else {
    await fastify.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      setHeaders: (reply, filePath) => {
        const immutable = path.relative(root, filePath).startsWith(`assets${path.sep}`);
        reply.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  const fallback = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!isAppRoute(request.url)) {
      reply.callNotFound();
      return;
    }
    if (built) {
      await reply.sendFile('index.html');
      return;
    }
    await reply.status(200).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
  };
  fastify.get('/*', fallback);
  if (!built) fastify.get('/', fallback);
}
