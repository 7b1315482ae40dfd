import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule, loggingParams } from '@app/config';
import { MailSender } from '@app/mail';
import { QueueModule } from '@app/contracts';
import { PersistenceModule } from '@app/persistence';
import { ComplaintReader, ComplaintReviewService } from '@app/persistence/complaints';
import { AdminModule } from './admin/admin.module';
import { HomeController } from './auth/home.controller';
import { ComplaintCaseService } from './complaints/complaint-case.service';
import { ComplaintsPageController } from './complaints/complaints-page.controller';
import { ContactsPageController } from './contacts/contacts-page.controller';
import { DigestPreviewService } from './contacts/digest-preview.service';
import { LearningPageController } from './learning/learning-page.controller';
import { DEFAULT_VIEWER_RECHECK_MS, VIEWER_RECHECK_MS, WebAudienceGuard } from './auth/web-audience.guard';
import { WebErrorFilter } from './common/web-error.filter';
import { SessionModule } from './session/session.module';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInLimits, SIGN_IN_LIMITS, DEFAULT_SIGN_IN_LIMITS, type SignInLimitSettings } from './sign-in/sign-in-limits';
import { SignInLinks } from './sign-in/sign-in-links';
import { SignInService } from './sign-in/sign-in.service';
import { UploadModule } from './upload/upload.module';

export interface WebModuleOptions {
  /** Sign-in rate limits; tests lower them to see the limit without hundreds of requests. */
  signInLimits?: SignInLimitSettings;
  /** How often a signed-in contact is re-checked (deleted, or organisation suspended); tests use 0. */
  viewerRecheckMs?: number;
}

/**
 * The web app. A new section adds its controller (and its own services) here; repositories
 * come from PersistenceModule, as in ingest.
 */
export function webModule(config: AppConfig, options: WebModuleOptions = {}) {
  @Module({
    imports: [ConfigModule.forRoot(config), LoggerModule.forRoot(loggingParams(config, 'web')), PersistenceModule, QueueModule.forRoot({ role: 'producer' }), SessionModule, UploadModule, AdminModule],
    controllers: [HomeController, SignInController, ContactsPageController, ComplaintsPageController, LearningPageController],
    providers: [
      ComplaintReader,
      ComplaintReviewService,
      ComplaintCaseService,
      DigestPreviewService,
      MailSender,
      SignInLinks,
      SignInLimits,
      SignInService,
      { provide: SIGN_IN_LIMITS, useValue: options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS },
      { provide: VIEWER_RECHECK_MS, useValue: options.viewerRecheckMs ?? DEFAULT_VIEWER_RECHECK_MS },
      { provide: APP_GUARD, useClass: WebAudienceGuard },
      { provide: APP_FILTER, useClass: WebErrorFilter },
    ],
  })
  class WebModule {}
  return WebModule;
}
