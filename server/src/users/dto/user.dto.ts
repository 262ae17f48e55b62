import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { Omittable, Trim } from '../../common/validation';
import { UpdateDtoOf, VersionedResponse } from '../../common/versioned';
import { ROLES, type Role } from '../../vocabulary/roles';

export class CreateUserDto {
  @ApiProperty({ example: 'ana@ngo.example.org', description: 'Unique, case-insensitive' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Ana Souza' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  organizationId: number;

  @ApiProperty({
    enum: ROLES,
    description: 'Must fit the organization: coordinator→ngo, funder→funder, researcher→research, admin→platform',
  })
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

export class UpdateUserDto extends UpdateDtoOf(CreateUserDto) {}

export class UserResponse extends VersionedResponse {
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() organizationId: number;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: Date }) lastLoginAt: Date | null;
}

export class CreatedUserResponse extends UserResponse {
  @ApiProperty({ description: 'One-time link (72 h) for the user to set a password; shown once' })
  setPasswordUrl: string;
}

export class PasswordLinkResponse {
  @ApiProperty() setPasswordUrl: string;
}
