import type { Response } from 'express';
import { ExportService } from '../exports/export.service';
import { Body, Controller, Delete, Get, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiExport, ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import { CreatedUserResponse, CreateUserDto, PasswordLinkResponse, UpdateUserDto, UserResponse } from './dto/user.dto';
import { USER_LIST, USER_EXPORT } from './users.list';
import { UsersService } from './users.service';
import { IdempotencyKeys } from '../idempotency/idempotency.decorators';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('users:read')
  @ApiList('users', UserResponse, '{"q":"ana","role":"coordinator"}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.users.list(actor, parseListQuery(query, USER_LIST));
  }

  @Get('export')
  @RequirePermission('users:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.users.visible(actor), USER_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('users:read')
  @ApiId(UserResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.users.get(actor, id);
  }

  @Post()
  @RequirePermission('users:write')
  @IdempotencyKeys('withheld')
  @ApiCreatedResponse({ type: CreatedUserResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('users:write')
  @ApiId(UserResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('users:write')
  @ApiId(UserResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.users.remove(actor, id);
  }

  @Post(':id/reset-password-link')
  @IdempotencyKeys('withheld')
  @RequirePermission('users:write')
  @ApiId(PasswordLinkResponse)
  passwordLink(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.users.passwordLink(actor, id);
  }
}
