import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { GATEWAY_LOGGER } from '../gateway.tokens';
import { problemFor } from './problem.mapper';

/** Every failure of every route leaves as application/problem+json (RFC 9457). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(GATEWAY_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = problemFor(exception, request.url);
    if (problem.unexpected) {
      this.logger.error({ err: exception, url: request.url }, 'request failed');
    }
    if (reply.sent || reply.raw.headersSent) return;
    void reply.status(problem.status).headers(problem.headers).send(problem.body);
  }
}
