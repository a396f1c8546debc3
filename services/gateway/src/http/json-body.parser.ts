import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../gateway.config';
import { GATEWAY_CONFIG } from '../gateway.tokens';

/**
 * Replaces Fastify's body parsers before the server starts: JSON only, at most
 * BODY_LIMIT_BYTES (413 above), prototype poisoning refused; any other media type is 415.
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: this.config.BODY_LIMIT_BYTES },
      fastify.getDefaultJsonParser('error', 'error'),
    );
  }
}
