import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { AuthModule } from '../auth/auth.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [ExportsModule, AuthModule], controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
