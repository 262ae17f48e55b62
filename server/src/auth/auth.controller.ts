import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../access/actor';
import { CurrentActor, Public, RequirePermission, RequireSession, SELF } from '../access/decorators';
import { ApiId } from '../common/api-docs';
import { IdParam } from '../common/validation';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuthService } from './auth.service';
import { clearSessionCookies, setSessionCookies } from './cookies';
import { CredentialsService } from './credentials.service';
import {
  ChangePasswordDto,
  CreatedTokenResponse,
  CreateTokenDto,
  LoginDto,
  MeResponse,
  PasswordChangedResponse,
  SetPasswordDto,
  TokenResponse,
} from './dto/auth.dto';
import { TokensService } from './tokens.service';
import { IdempotencyKeys } from '../idempotency/idempotency.decorators';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly credentials: CredentialsService,
    private readonly tokens: TokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get secureCookies(): boolean {
    return this.config.nodeEnv === 'production';
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: MeResponse })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    const { me, secret, csrf } = await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown', requestId);
    setSessionCookies(res, secret, csrf, this.secureCookies);
    return me;
  }

  @RequirePermission(SELF)
  @IdempotencyKeys('ignored')
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    if (actor.via.kind === 'session') await this.credentials.revokeSession(actor.via.sessionId);
    clearSessionCookies(res, this.secureCookies);
  }

  @RequirePermission(SELF)
  @Get('me')
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }

  @RequirePermission(SELF)
  @RequireSession()
  @IdempotencyKeys('ignored')
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({
    type: PasswordChangedResponse,
    description: 'Password changed; every session of the user ends and every API token is revoked',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PasswordChangedResponse> {
    const changed = await this.auth.changePassword(actor, dto, req.ip ?? 'unknown');
    clearSessionCookies(res, this.secureCookies);
    return changed;
  }

  @Public()
  @Post('set-password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set through a one-time link' })
  setPassword(@Body() dto: SetPasswordDto) {
    return this.auth.setPassword(dto.token, dto.password);
  }

  @RequirePermission(SELF)
  @Get('tokens')
  @ApiOkResponse({ type: [TokenResponse] })
  listTokens(@CurrentActor() actor: Actor) {
    return this.tokens.list(actor);
  }

  @RequirePermission(SELF)
  @RequireSession()
  @IdempotencyKeys('withheld')
  @Post('tokens')
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  createToken(@CurrentActor() actor: Actor, @Body() dto: CreateTokenDto) {
    return this.tokens.create(actor, dto);
  }

  @RequirePermission(SELF)
  @Delete('tokens/:id')
  @ApiId(TokenResponse)
  revokeToken(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.tokens.revoke(actor, id);
  }
}
