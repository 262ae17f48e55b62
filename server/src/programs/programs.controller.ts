import { Body, Controller, Delete, Get, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import { CreateProgramDto, ProgramResponse, UpdateProgramDto } from './dto/program.dto';
import { PROGRAM_LIST } from './programs.list';
import { ProgramsService } from './programs.service';

@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Get()
  @ApiList('programs', ProgramResponse, '{"q":"school","strategy":"educate_potential_victims","country":"PH"}')
  list(@Query() query: Record<string, unknown>) {
    return this.programs.list(parseListQuery(query, PROGRAM_LIST));
  }

  @Get(':id')
  @ApiId(ProgramResponse)
  get(@IdParam() id: number) {
    return this.programs.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: ProgramResponse })
  create(@Body() dto: CreateProgramDto) {
    return this.programs.create(dto);
  }

  @Put(':id')
  @ApiId(ProgramResponse)
  update(@IdParam() id: number, @Body() dto: UpdateProgramDto) {
    return this.programs.update(id, dto);
  }

  @Delete(':id')
  @ApiId(ProgramResponse)
  remove(@IdParam() id: number) {
    return this.programs.remove(id);
  }
}
