import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, Nullable, NullAsEmpty, oneOf, Omittable, Trim } from '../../common/validation';
import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import {
  DESIGNS,
  EVALUATION_LIMITS,
  EVALUATION_MESSAGES,
  EVALUATION_STATUSES,
  EVALUATOR_TYPES,
  type Design,
  type EvaluationStatus,
  type EvaluatorType,
} from '../../vocabulary/evaluations';

/** Sample sizes per arm; only the design's arms are used. */
export class ArmSizesDto {
  @ApiPropertyOptional({ minimum: 0 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(EVALUATION_LIMITS.maxN)
  treatment?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(EVALUATION_LIMITS.maxN)
  comparison?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(EVALUATION_LIMITS.maxN)
  single?: number;
}

const TEXT = { maxLength: EVALUATION_LIMITS.textLength, description: EVALUATION_MESSAGES.noChildData };

export class CreateEvaluationDto {
  @ApiProperty({ description: 'The evaluated program (your NGO’s)' })
  @IsInt()
  @Min(1)
  programId: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The grant that funds it; its funder reviews' })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(1)
  grantId?: number | null;

  @ApiProperty({ maxLength: EVALUATION_LIMITS.titleLength })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EVALUATION_LIMITS.titleLength)
  title: string;

  @ApiProperty({ enum: DESIGNS })
  @IsIn(DESIGNS, oneOf(DESIGNS))
  design: Design;

  @ApiProperty({ enum: EVALUATOR_TYPES })
  @IsIn(EVALUATOR_TYPES, oneOf(EVALUATOR_TYPES))
  evaluatorType: EvaluatorType;

  @ApiPropertyOptional({ maxLength: EVALUATION_LIMITS.evaluatorNameLength, description: 'A person or firm' })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.evaluatorNameLength)
  evaluatorName?: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @IsOptional()
  @Nullable()
  @IsCalendarDate()
  endDate?: string | null;

  @ApiPropertyOptional({ type: ArmSizesDto, description: 'Planned sample size per arm' })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ArmSizesDto)
  plannedSizes?: ArmSizesDto;

  @ApiPropertyOptional({ type: ArmSizesDto, description: 'Achieved (analysed) sample size per arm, for attrition' })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ArmSizesDto)
  achievedSizes?: ArmSizesDto;

  @ApiPropertyOptional({
    default: 0.5,
    minimum: -1,
    maximum: 1,
    description: 'Pre-post correlation (pre_post designs)',
  })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(1)
  prePostCorrelation?: number;

  @ApiPropertyOptional({ type: [Number], description: 'Primary outcomes; fixed at the first submission' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(EVALUATION_LIMITS.primaryIndicators)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  primaryIndicatorIds?: number[];

  @ApiPropertyOptional(TEXT)
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.textLength)
  summary?: string;

  @ApiPropertyOptional(TEXT)
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.textLength)
  limitations?: string;
}

export class UpdateEvaluationDto extends UpdateDtoOf(CreateEvaluationDto, [
  'organizationId',
  'status',
  'revision',
  'previousRevisionId',
  'nextRevisionId',
  'registeredPrimaryIndicatorIds',
  'outcomeSwitching',
  'submittedAt',
  'reviewedAt',
]) {}

export class OutcomeSwitching {
  @ApiProperty({ type: [Number], description: 'Primary outcomes added since the registration' }) added: number[];
  @ApiProperty({ type: [Number], description: 'Registered primary outcomes dropped' }) removed: number[];
}

export class EvaluationResponse extends VersionedResponse {
  @ApiProperty() organizationId: number;
  @ApiProperty() programId: number;
  @ApiProperty({ nullable: true, type: Number }) grantId: number | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DESIGNS }) design: Design;
  @ApiProperty({ enum: EVALUATOR_TYPES }) evaluatorType: EvaluatorType;
  @ApiProperty() evaluatorName: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ type: ArmSizesDto }) plannedSizes: ArmSizesDto;
  @ApiProperty({ type: ArmSizesDto }) achievedSizes: ArmSizesDto;
  @ApiProperty() prePostCorrelation: number;
  @ApiProperty({ type: [Number] }) primaryIndicatorIds: number[];
  @ApiProperty({ type: [Number], nullable: true }) registeredPrimaryIndicatorIds: number[] | null;
  @ApiProperty({ type: OutcomeSwitching, nullable: true }) outcomeSwitching: OutcomeSwitching | null;
  @ApiProperty() summary: string;
  @ApiProperty() limitations: string;
  @ApiProperty({ enum: EVALUATION_STATUSES }) status: EvaluationStatus;
  @ApiProperty({ description: 'Amendment number: 1 for the original study' }) revision: number;
  @ApiProperty({ nullable: true, type: Number }) previousRevisionId: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The amendment of this revision, if any' })
  nextRevisionId: number | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) reviewedAt: Date | null;
}

export class WorkflowDto {
  @ApiProperty({ description: 'The version that was read; a stale version is a 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: EVALUATION_LIMITS.commentLength, description: EVALUATION_MESSAGES.noChildData })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.commentLength)
  comment?: string;
}

export class RequestChangesDto {
  @ApiProperty({ description: 'The version that was read; a stale version is a 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ maxLength: EVALUATION_LIMITS.commentLength, description: 'What must change' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must say what needs to change' })
  @MaxLength(EVALUATION_LIMITS.commentLength)
  comment: string;
}

export class AmendDto {
  @ApiPropertyOptional({ maxLength: EVALUATION_LIMITS.commentLength, description: 'Why the evaluation is amended' })
  @Omittable()
  @NullAsEmpty()
  @Trim()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.commentLength)
  comment?: string;
}

export class CreateCommentDto {
  @ApiProperty({ maxLength: EVALUATION_LIMITS.commentLength, description: EVALUATION_MESSAGES.noChildData })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EVALUATION_LIMITS.commentLength)
  body: string;
}

export class CommentResponse {
  @ApiProperty() id: number;
  @ApiProperty() evaluationId: number;
  @ApiProperty() authorUserId: number;
  @ApiProperty() authorName: string;
  @ApiProperty() authorRole: string;
  @ApiProperty() kind: string;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: Date;
}

export class FieldChange {
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true }) before: unknown;
  @ApiProperty({ nullable: true }) after: unknown;
}

export class MeasurementChanges {
  @ApiProperty({ type: [Object] }) added: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) removed: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) changed: {
    key: Record<string, unknown>;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  }[];
}

export class ChangesResponse {
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'What is compared against; null when nothing was submitted before',
  })
  since: { evaluationId: number; revision: number; submittedAt: Date } | null;
  @ApiProperty({ type: [FieldChange] }) fields: FieldChange[];
  @ApiProperty({ type: MeasurementChanges }) measurements: MeasurementChanges;
}
