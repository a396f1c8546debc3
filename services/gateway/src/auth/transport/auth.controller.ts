import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { openApiSchemaOf } from '../../docs/zod-openapi';
import { parseInput } from '../../http/request-validation';
import type { Principal } from '../domain/access-rules';
import { AccountRepository } from '../infrastructure/account.repository';
import { LoginHandler } from '../application/login.handler';
import { LogoutHandler } from '../application/logout.handler';
import { RefreshSessionHandler } from '../application/refresh-session.handler';
import type { Session } from '../application/session.issuer';
import { Authenticated, CurrentPrincipal, Public, type GatewayRequest } from './auth.decorators';
import { loginBody, refreshBody, sessionSchema } from './auth.dto';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly login: LoginHandler,
    private readonly refresh: RefreshSessionHandler,
    private readonly logout: LogoutHandler,
    private readonly accounts: AccountRepository,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiBody({ schema: openApiSchemaOf(loginBody) })
  @ApiOkResponse({ schema: openApiSchemaOf(sessionSchema) })
  async postLogin(@Body() body: unknown, @Req() request: GatewayRequest): Promise<Session> {
    const input = parseInput(loginBody, body, 'login');
    return this.login.execute({ ...input, clientIp: request.ip });
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiBody({ schema: openApiSchemaOf(refreshBody) })
  @ApiOkResponse({ schema: openApiSchemaOf(sessionSchema) })
  async postRefresh(@Body() body: unknown): Promise<Session> {
    return this.refresh.execute(parseInput(refreshBody, body, 'refresh').refreshToken);
  }

  @Post('auth/logout')
  @Authenticated()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiBody({ schema: openApiSchemaOf(refreshBody) })
  async postLogout(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<void> {
    const { refreshToken } = parseInput(refreshBody, body, 'logout');
    if (principal.kind === 'user') {
      await this.logout.execute({ refreshToken, userId: principal.userId });
    }
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  async getMe(@CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    if (principal.kind !== 'user') return { kind: principal.kind, gateCode: principal.gateCode };
    const user = await this.accounts.findById(principal.userId);
    return {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      role: principal.role,
      organisation:
        principal.organisationId === undefined
          ? null
          : { id: principal.organisationId, name: user?.organisationName ?? null },
      gateCode: principal.gateCode ?? null,
    };
  }
}
