import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate, NullAsEmpty, Omittable, Trim, TrimEach, UpperCase } from '../../common/validation';
import {
  LIMITS,
  MESSAGES,
  PROGRAM_STATUSES,
  SETTINGS,
  STRATEGIES,
  TARGET_POPULATIONS,
  type ProgramStatus,
  type Setting,
  type Strategy,
  type TargetPopulation,
} from '../../vocabulary/programs';

const LOGIC_MODEL_ITEM: ApiPropertyOptions = {
  type: String,
  isArray: true,
  maxItems: LIMITS.logicModelItems,
  description: `Up to ${LIMITS.logicModelItems} short texts. ${MESSAGES.noChildData}`,
};

function LogicModelList(): PropertyDecorator {
  return (target, key) => {
    Omittable()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(LIMITS.logicModelItems)(target, key);
    TrimEach()(target, key);
    IsString({ each: true })(target, key);
    IsNotEmpty({ each: true, message: 'items must not be empty' })(target, key);
    MaxLength(LIMITS.logicModelItemLength, { each: true })(target, key);
  };
}

export class CreateProgramDto {
  @ApiPropertyOptional({
    description: 'The NGO that runs the program; a coordinator’s own organization when left out (required for admins)',
    example: 1,
  })
  @Omittable()
  @IsInt()
  @Min(1)
  organizationId?: number;

  @ApiProperty({ maxLength: LIMITS.nameLength, example: 'Safe Online: school workshops on recruiters’ tactics' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.nameLength)
  name: string;

  @ApiPropertyOptional({ maxLength: LIMITS.summaryLength, description: MESSAGES.noChildData })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.summaryLength)
  summary?: string;

  @ApiProperty({ enum: STRATEGIES })
  @IsIn(STRATEGIES, { message: `must be one of ${STRATEGIES.join(', ')}` })
  strategy: Strategy;

  @ApiPropertyOptional({ enum: TARGET_POPULATIONS, isArray: true })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(TARGET_POPULATIONS, { each: true, message: `each must be one of ${TARGET_POPULATIONS.join(', ')}` })
  targetPopulations?: TargetPopulation[];

  @ApiProperty({ enum: SETTINGS })
  @IsIn(SETTINGS, { message: `must be one of ${SETTINGS.join(', ')}` })
  setting: Setting;

  @ApiPropertyOptional({ type: [String], example: ['BR', 'PH'], description: 'ISO 3166-1 alpha-2 codes' })
  @Omittable()
  @UpperCase()
  @IsArray()
  @ArrayMaxSize(LIMITS.countries)
  @ArrayUnique()
  @IsISO31661Alpha2({ each: true, message: MESSAGES.invalidCountry })
  countries?: string[];

  @ApiProperty({ format: 'date', example: '2026-01-15' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'On or after startDate; empty while ongoing' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  endDate?: string | null;

  @ApiPropertyOptional({ enum: PROGRAM_STATUSES, default: 'planned' })
  @Omittable()
  @IsIn(PROGRAM_STATUSES, { message: `must be one of ${PROGRAM_STATUSES.join(', ')}` })
  status?: ProgramStatus;

  @ApiPropertyOptional(LOGIC_MODEL_ITEM)
  @LogicModelList()
  inputs?: string[];

  @ApiPropertyOptional(LOGIC_MODEL_ITEM)
  @LogicModelList()
  activities?: string[];

  @ApiPropertyOptional(LOGIC_MODEL_ITEM)
  @LogicModelList()
  outputs?: string[];

  @ApiPropertyOptional(LOGIC_MODEL_ITEM)
  @LogicModelList()
  intendedOutcomes?: string[];
}

export class UpdateProgramDto extends UpdateDtoOf(CreateProgramDto) {}

export class ProgramResponse extends VersionedResponse {
  @ApiProperty() organizationId: number;
  @ApiProperty() name: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: STRATEGIES }) strategy: Strategy;
  @ApiProperty({ enum: TARGET_POPULATIONS, isArray: true }) targetPopulations: TargetPopulation[];
  @ApiProperty({ enum: SETTINGS }) setting: Setting;
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status: ProgramStatus;
  @ApiProperty({ type: [String] }) inputs: string[];
  @ApiProperty({ type: [String] }) activities: string[];
  @ApiProperty({ type: [String] }) outputs: string[];
  @ApiProperty({ type: [String] }) intendedOutcomes: string[];
}
