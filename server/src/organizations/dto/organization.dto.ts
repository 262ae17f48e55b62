import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Trim, UpperCase } from '../../common/validation';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../vocabulary/organizations';
import { LIMITS } from '../../vocabulary/programs';

export class CreateOrganizationDto {
  @ApiProperty({ maxLength: LIMITS.nameLength, example: 'Fundación Niñez Segura' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.nameLength)
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS, { message: `must be one of ${ORGANIZATION_KINDS.join(', ')}` })
  kind: OrganizationKind;

  @ApiPropertyOptional({ nullable: true, example: 'CO', description: 'ISO 3166-1 alpha-2 code of the head office' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @UpperCase()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, like BR or PH' })
  country?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'https://example.org' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) address, like https://example.org' },
  )
  @MaxLength(500)
  website?: string | null;
}

export class UpdateOrganizationDto extends UpdateDtoOf(CreateOrganizationDto) {}

export class OrganizationResponse extends VersionedResponse {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
}
