import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CodedError } from '@cuakhau/platform';
import { Public } from '../auth/transport/auth.decorators';
import { OpenApiDocument } from './openapi.document';

// swagger-ui-dist ships the browser assets of Swagger UI.
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cửa khẩu số API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>`;

/** Swagger UI at /api/docs and the OpenAPI 3 JSON at /api/docs-json. */
@ApiExcludeController()
@Controller('api')
@Public()
export class DocsController {
  constructor(private readonly openApi: OpenApiDocument) {}

  @Get('docs-json')
  json(): unknown {
    const document = this.openApi.get();
    if (document === undefined) {
      throw new CodedError(
        'GATEWAY.DOCS_NOT_READY',
        'UNAVAILABLE',
        'the API document is not built yet',
      );
    }
    return document;
  }

  @Get('docs')
  page(@Res() reply: FastifyReply): void {
    void reply.type('text/html; charset=utf-8').send(PAGE);
  }

  @Get('docs/assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const type = ASSETS[name];
    if (type === undefined) {
      throw new CodedError('GATEWAY.ROUTE_NOT_FOUND', 'NOT_FOUND', 'no such asset');
    }
    void reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(fs.createReadStream(path.join(SWAGGER_UI_DIR, name)));
  }
}
