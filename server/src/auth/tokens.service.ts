import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { ValidationFailedError } from '../common/errors';
import { ApiToken } from '../database/entities/auth.entities';
import { CredentialsService } from './credentials.service';
import { CreatedTokenResponse, CreateTokenDto, TokenResponse } from './dto/auth.dto';

const MAX_TOKEN_LIFETIME_MS = 366 * 24 * 60 * 60 * 1000;

function toTokenResponse(t: ApiToken): TokenResponse {
  return {
    id: t.id,
    name: t.name,
    scope: t.scope,
    expiresAt: t.expiresAt,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  };
}

/** Personal API tokens: each user manages only their own. */
@Injectable()
export class TokensService {
  constructor(private readonly credentials: CredentialsService) {}

  async list(actor: Actor): Promise<TokenResponse[]> {
    return (await this.credentials.listTokens(actor.userId)).map(toTokenResponse);
  }

  async create(actor: Actor, dto: CreateTokenDto): Promise<CreatedTokenResponse> {
    const expiresAt = new Date(dto.expiresAt);
    const now = Date.now();
    if (expiresAt.getTime() <= now) throw ValidationFailedError.forField('expiresAt', 'must be in the future');
    if (expiresAt.getTime() > now + MAX_TOKEN_LIFETIME_MS) {
      throw ValidationFailedError.forField('expiresAt', 'must be at most one year ahead');
    }
    const { token, row } = await this.credentials.createToken(actor.userId, { ...dto, expiresAt });
    return { ...toTokenResponse(row), token };
  }

  async revoke(actor: Actor, id: number): Promise<TokenResponse> {
    return toTokenResponse(await this.credentials.revokeToken(actor.userId, id));
  }
}
