import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation';
import { PERMISSIONS, ROLES, TOKEN_SCOPES, type Permission, type Role, type TokenScope } from '../../vocabulary/roles';

export class LoginDto {
  @ApiProperty({ example: 'coordinator@demo.org' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'demo-password-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) currentPassword: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(1000) newPassword: string;
}

export class PasswordChangedResponse {
  @ApiProperty({ description: 'Sessions of the user that ended, the one that made the change included' })
  sessionsEnded: number;
  @ApiProperty({ description: 'API tokens of the user that were revoked (all live ones)' })
  tokensRevoked: number;
}

export class SetPasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(1000) password: string;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'Quarterly upload script' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: TOKEN_SCOPES })
  @IsIn(TOKEN_SCOPES, { message: `must be one of ${TOKEN_SCOPES.join(', ')}` })
  scope: TokenScope;

  @ApiProperty({ format: 'date-time', description: 'In the future, at most one year ahead' })
  @IsDateString({ strict: true }, { message: 'must be a date-time like 2027-01-31T00:00:00Z' })
  expiresAt: string;
}

export class MeResponse {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() organizationId: number;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions: Permission[];
}

export class TokenResponse {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TOKEN_SCOPES }) scope: TokenScope;
  @ApiProperty() expiresAt: Date;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedTokenResponse extends TokenResponse {
  @ApiProperty({ description: 'Shown once; only its hash is stored', example: 'olt_…' }) token: string;
}
