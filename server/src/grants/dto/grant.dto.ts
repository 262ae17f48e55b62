import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNotEmpty,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate, oneOf, Omittable, Trim, UpperCase } from '../../common/validation';
import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import {
  GRANT_CONSENTS,
  GRANT_LIMITS,
  GRANT_STATUSES,
  type GrantConsent,
  REPORTING_FREQUENCIES,
  type GrantStatus,
  type ReportingFrequency,
} from '../../vocabulary/grants';

export class CreateGrantDto {
  @ApiPropertyOptional({ description: 'The funder; a funder’s own organization when left out (required for admins)' })
  @Omittable()
  @IsInt()
  @Min(1)
  funderOrganizationId?: number;

  @ApiProperty({ description: 'The grantee NGO' })
  @IsInt()
  @Min(1)
  granteeOrganizationId: number;

  @ApiPropertyOptional({
    type: [Number],
    description:
      'Administrators only, for a grant created accepted: the grantee’s programs it funds (at least one). ' +
      'A funder’s grant is offered, and the grantee chooses the programs when it accepts; a funder sending ' +
      'programs gets 400.',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(GRANT_LIMITS.maxProgramsPerGrant)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  programIds?: number[];

  @ApiPropertyOptional({
    enum: GRANT_CONSENTS,
    description: 'A funder’s grant is always `offered`; an administrator may create it `accepted` (the default)',
  })
  @Omittable()
  @IsIn(GRANT_CONSENTS, oneOf(GRANT_CONSENTS))
  consent?: GrantConsent;

  @ApiProperty({ example: 'OAK-2026-014', description: 'The funder’s reference; unique per funder' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(GRANT_LIMITS.referenceLength)
  reference: string;

  @ApiProperty({ example: 'Safe Online school workshops, 2026–2028' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(GRANT_LIMITS.titleLength)
  title: string;

  @ApiProperty({ example: 250000, description: 'At most 2 decimal places' })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: 'must be a number with at most 2 decimals' },
  )
  @Min(0)
  @Max(GRANT_LIMITS.maxAmount)
  amount: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 currency code' })
  @UpperCase()
  @IsISO4217CurrencyCode({ message: 'must be an ISO 4217 currency code, like USD or EUR' })
  currency: string;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ format: 'date', example: '2027-12-31', description: 'On or after startDate' })
  @IsCalendarDate()
  endDate: string;

  @ApiProperty({ enum: REPORTING_FREQUENCIES })
  @IsIn(REPORTING_FREQUENCIES, oneOf(REPORTING_FREQUENCIES))
  reportingFrequency: ReportingFrequency;

  @ApiPropertyOptional({ enum: GRANT_STATUSES, default: 'active' })
  @Omittable()
  @IsIn(GRANT_STATUSES, oneOf(GRANT_STATUSES))
  status?: GrantStatus;
}

/** Consent and programs change through their own routes; a PUT echoing them back is accepted. */
export class UpdateGrantDto extends UpdateDtoOf(CreateGrantDto, [
  'consent',
  'declineReason',
  'granteeName',
  'funderName',
]) {}

/** The programs of the grantee a grant covers (accept, or change later). */
export class GrantProgramsDto {
  @ApiProperty({ type: [Number], description: 'Programs of the grantee NGO (at least one)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one program' })
  @ArrayMaxSize(GRANT_LIMITS.maxProgramsPerGrant)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  programIds: number[];

  @ApiProperty({ description: 'The version that was read; a stale version is a 409', example: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class DeclineGrantDto {
  @ApiProperty({ description: 'Why the NGO declines (shown to the funder)' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(GRANT_LIMITS.declineReasonLength)
  reason: string;

  @ApiProperty({ description: 'The version that was read; a stale version is a 409', example: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class GrantResponse extends VersionedResponse {
  @ApiProperty() funderOrganizationId: number;
  @ApiProperty() granteeOrganizationId: number;
  @ApiProperty({ type: [Number] }) programIds: number[];
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() amount: number;
  @ApiProperty() currency: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ enum: REPORTING_FREQUENCIES }) reportingFrequency: ReportingFrequency;
  @ApiProperty({ enum: GRANT_STATUSES }) status: GrantStatus;
  @ApiProperty({ enum: GRANT_CONSENTS }) consent: GrantConsent;
  @ApiProperty({ description: 'Why the grantee declined; empty otherwise' }) declineReason: string;
  @ApiProperty({ description: 'The funder’s name' }) funderName: string;
  @ApiProperty({ description: 'The grantee’s name (shown to the funder also while offered)' }) granteeName: string;
}
