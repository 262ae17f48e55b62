import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Nullable, NullAsEmpty, oneOf, Omittable, Trim } from '../../common/validation';
import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import {
  DIRECTIONS,
  INDICATOR_CODE_PATTERN,
  INDICATOR_LEVELS,
  MEASURE_TYPES,
  RATE_BASES,
  SDG_TARGETS,
  type Direction,
  type IndicatorLevel,
  type MeasureType,
  type RateBase,
  type SdgTarget,
} from '../../vocabulary/indicators';
import { MESSAGES } from '../../vocabulary/programs';

const RATE_BASE_HELP =
  'What a rate is per (1, 100, 1000 or 100000, e.g. 1000 for "per 1,000 children"): required when measureType is rate, null otherwise';

/** The most years a context series holds. */
export const CONTEXT_SERIES_MAX = 200;

export class ContextValueDto {
  @ApiProperty({ example: 1998 })
  @IsInt()
  @Min(1900)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 4578 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;
}

export class CreateIndicatorDto {
  @ApiProperty({
    example: 'EDU-RECOG-01',
    description: 'Unique; upper-case letters and digits in dash-separated groups',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @MaxLength(40)
  @Matches(INDICATOR_CODE_PATTERN, { message: 'must look like EDU-RECOG-01 (letters, digits and dashes)' })
  code: string;

  @ApiProperty({ example: 'Students who can name three recruitment tactics' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ description: `How it is measured. ${MESSAGES.noChildData}` })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(5000)
  definition?: string;

  @ApiProperty({ enum: INDICATOR_LEVELS })
  @IsIn(INDICATOR_LEVELS, oneOf(INDICATOR_LEVELS))
  level: IndicatorLevel;

  @ApiProperty({ enum: MEASURE_TYPES })
  @IsIn(MEASURE_TYPES, oneOf(MEASURE_TYPES))
  measureType: MeasureType;

  @ApiPropertyOptional({ example: 'share of students' })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(100)
  unit?: string;

  @ApiPropertyOptional({ enum: RATE_BASES, type: Number, nullable: true, description: RATE_BASE_HELP })
  @IsOptional()
  @Nullable()
  @IsIn(RATE_BASES, oneOf(RATE_BASES.map(String)))
  rateBase?: RateBase | null;

  @ApiProperty({ enum: DIRECTIONS, description: 'Which direction is an improvement' })
  @IsIn(DIRECTIONS, oneOf(DIRECTIONS))
  direction: Direction;

  @ApiPropertyOptional({ nullable: true, description: 'Plausible minimum; values below are rejected' })
  @IsOptional()
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  minValue?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'Plausible maximum; values above are rejected' })
  @IsOptional()
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maxValue?: number | null;

  @ApiPropertyOptional({ enum: SDG_TARGETS, nullable: true })
  @IsOptional()
  @Nullable()
  @IsIn(SDG_TARGETS, oneOf(SDG_TARGETS))
  sdgTarget?: SdgTarget | null;

  @ApiPropertyOptional({ nullable: true, example: '99', description: 'IATI IndicatorVocabulary code' })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsString()
  @MaxLength(20)
  iatiVocabulary?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Indicator code within that vocabulary' })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsString()
  @MaxLength(100)
  iatiCode?: string | null;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    type: [ContextValueDto],
    description: `Context values by year, one per year (at most ${CONTEXT_SERIES_MAX}); shown beside the evidence, never pooled`,
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(CONTEXT_SERIES_MAX)
  @ValidateNested({ each: true })
  @Type(() => ContextValueDto)
  contextSeries?: ContextValueDto[];

  @ApiPropertyOptional({ nullable: true, description: 'Where the context series comes from' })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsString()
  @MaxLength(1000)
  contextSource?: string | null;
}

export class UpdateIndicatorDto extends UpdateDtoOf(CreateIndicatorDto) {}

export class IndicatorResponse extends VersionedResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() definition: string;
  @ApiProperty({ enum: INDICATOR_LEVELS }) level: IndicatorLevel;
  @ApiProperty({ enum: MEASURE_TYPES }) measureType: MeasureType;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: RATE_BASES, type: Number, nullable: true, description: RATE_BASE_HELP })
  rateBase: RateBase | null;
  @ApiProperty({ enum: DIRECTIONS }) direction: Direction;
  @ApiProperty({ nullable: true, type: Number }) minValue: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxValue: number | null;
  @ApiProperty({ enum: SDG_TARGETS, nullable: true }) sdgTarget: SdgTarget | null;
  @ApiProperty({ nullable: true, type: String }) iatiVocabulary: string | null;
  @ApiProperty({ nullable: true, type: String }) iatiCode: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [ContextValueDto] }) contextSeries: ContextValueDto[];
  @ApiProperty({ nullable: true, type: String }) contextSource: string | null;
}
