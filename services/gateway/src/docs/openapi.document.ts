import { Injectable } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI 3 document, built from the controllers once the app exists. */
@Injectable()
export class OpenApiDocument {
  private document: OpenAPIObject | undefined;

  build(app: INestApplication): void {
    const config = new DocumentBuilder()
      .setTitle('Cửa khẩu số — public API')
      .setDescription(
        'The gateway of the digital border gate. Errors are RFC 9457 application/problem+json with a stable `code`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build();
    this.document = SwaggerModule.createDocument(app, config);
  }

  get(): OpenAPIObject | undefined {
    return this.document;
  }
}
