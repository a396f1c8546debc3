import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** Paths that belong to the API and the probes: an unknown one stays a problem+json 404. */
const NOT_THE_APP = /^\/(?:api|health)(?:[/?#]|$)/;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

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
 * The file under `root` a URL names, or undefined: outside `root` (`..`, encoded or not),
 * a dot-file, a NUL byte or a malformed escape never name a file.
 */
export function fileNameOf(root: string, url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.split(/[?#]/)[0] ?? '/');
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.split('/').some((part) => part.startsWith('.'))) {
    return undefined;
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${pathname}`)}`);
  return file.startsWith(`${root}${path.sep}`) ? file : undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built web app at `/`: its files (hashed `assets/` cached for a year, the rest
 * revalidated), and `index.html` for every other GET that is not under `/api` or `/health`
 * (client-side routes such as `/driver`). Without a build, those GETs answer a short page
 * saying how to build it; the API works either way.
 *
 * A small file server rather than @fastify/static: v10 requires the ESM-only
 * content-disposition 3, which jest (CommonJS) cannot load, and the gateway boots in-process
 * in the integration tests.
 */
export function serveWebApp(app: NestFastifyApplication, distDir: string, logger: Logger): void {
  const fastify = app.getHttpAdapter().getInstance();
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');
  const built = fs.existsSync(index);
  if (!built) {
    logger.warn({ distDir: root }, 'web app not built: run npm run build -w services/web');
  }

  const send = async (reply: FastifyReply, file: string): Promise<void> => {
    const immutable = path.relative(root, file).startsWith(`assets${path.sep}`);
    await reply
      .status(200)
      .type(CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file));
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!isAppRoute(request.url)) {
      reply.callNotFound();
      return;
    }
    if (!built) {
      await reply.status(200).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
      return;
    }
    const file = fileNameOf(root, request.url);
    await send(reply, file !== undefined && (await isFile(file)) ? file : index);
  };
  fastify.get('/', handler);
  fastify.get('/*', handler);
}
