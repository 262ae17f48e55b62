import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ResearchDatasetService } from './research-dataset';

@ApiTags('exports')
@Controller('exports')
export class ResearchDatasetController {
  constructor(private readonly dataset: ResearchDatasetService) {}

  @Get('research-dataset')
  @RequirePermission('analysis:read')
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx', 'datapackage'] })
  @ApiQuery({ name: 'strategy', required: false })
  @ApiQuery({ name: 'indicatorId', required: false })
  @ApiQuery({ name: 'country', required: false })
  @ApiQuery({ name: 'yearFrom', required: false })
  @ApiQuery({ name: 'yearTo', required: false })
  @ApiOkResponse({ description: 'Approved evaluations, one row per measurement, small cells suppressed; audited' })
  async download(
    @CurrentActor() actor: Actor,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const { format, filters } = ResearchDatasetService.parse(query);
    const file = await this.dataset.file(actor, format, filters);
    res.status(200).type(file.type).attachment(file.name).send(file.body);
  }
}
