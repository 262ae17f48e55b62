import type { Response } from 'express';
import { ExportService } from '../exports/export.service';
import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiExport, ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import {
  AmendDto,
  ChangesResponse,
  CommentResponse,
  CreateCommentDto,
  CreateEvaluationDto,
  EvaluationResponse,
  RequestChangesDto,
  UpdateEvaluationDto,
  WorkflowDto,
} from './dto/evaluation.dto';
import { EVALUATION_LIST, EVALUATION_EXPORT } from './evaluations.list';
import { EvaluationsService } from './evaluations.service';
import { ReviewService } from './review.service';

@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly review: ReviewService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('evaluations:read')
  @ApiList('evaluations', EvaluationResponse, '{"status":"submitted","programId":3}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.evaluations.list(actor, parseListQuery(query, EVALUATION_LIST));
  }

  @Get('export')
  @RequirePermission('evaluations:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.evaluations.visible(actor), EVALUATION_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('evaluations:read')
  @ApiId(EvaluationResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.evaluations.get(actor, id);
  }

  @Post()
  @RequirePermission('evaluations:write')
  @ApiCreatedResponse({ type: EvaluationResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEvaluationDto) {
    return this.evaluations.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('evaluations:write')
  @ApiId(EvaluationResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateEvaluationDto) {
    return this.evaluations.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('evaluations:write')
  @ApiId(EvaluationResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.evaluations.remove(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission('evaluations:write')
  @ApiId(EvaluationResponse)
  @ApiUnprocessableEntityResponse({ description: 'Not ready: `details` lists what is missing' })
  submit(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: WorkflowDto) {
    return this.review.submit(actor, id, dto.version, dto.comment);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('evaluations:review')
  @ApiId(EvaluationResponse)
  approve(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: WorkflowDto) {
    return this.review.approve(actor, id, dto.version, dto.comment);
  }

  @Post(':id/request-changes')
  @HttpCode(200)
  @RequirePermission('evaluations:review')
  @ApiId(EvaluationResponse)
  requestChanges(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: RequestChangesDto) {
    return this.review.requestChanges(actor, id, dto.version, dto.comment);
  }

  @Post(':id/amend')
  @RequirePermission('evaluations:write')
  @ApiCreatedResponse({ type: EvaluationResponse, description: 'The new draft revision' })
  amend(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: AmendDto) {
    return this.evaluations.amend(actor, id, dto.comment);
  }

  @Get(':id/comments')
  @RequirePermission('evaluations:read')
  @ApiOkResponse({ type: [CommentResponse] })
  comments(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.review.comments(actor, id);
  }

  @Post(':id/comments')
  @RequirePermission('evaluations:read')
  @ApiCreatedResponse({ type: CommentResponse })
  addComment(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: CreateCommentDto) {
    return this.review.addComment(actor, id, dto.body);
  }

  @Get(':id/changes')
  @RequirePermission('evaluations:read')
  @ApiOkResponse({ type: ChangesResponse })
  changes(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.review.changes(actor, id);
  }
}
