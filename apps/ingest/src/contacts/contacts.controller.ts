import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ContactRepository, OrganisationRepository, type ContactRow } from '@app/persistence';
import { auditActor } from '../auth/audit-actor';
import { Audience, CurrentPrincipal, Principal } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { validateBody } from '../common/validate-body';
import { assertManages } from '../organisations/organisation-access';
import { ContactDto, ContactListDto, UpdateContactDto } from './contact.dto';

const CONTACT_NOT_FOUND = 'Contact not found';

/**
 * Contact management for the admin and for the contact's own organisation (another body's
 * ids answer 404, like missing ones). Creating contacts stays on OrganisationsController.
 */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations/:id/contacts')
export class ContactsController {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly contacts: ContactRepository,
  ) {}

  @Get()
  @Audience('admin-or-organisation')
  @ApiOkResponse({ type: ContactListDto })
  @ApiNotFoundResponse({ description: 'no such organisation, or another organisation’s' })
  async list(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ContactListDto> {
    await assertManages(principal, id, this.organisations);
    return { items: (await this.contacts.list(id)).map(contactView) };
  }

  @Get(':contactId')
  @Audience('admin-or-organisation')
  @ApiOkResponse({ type: ContactDto })
  @ApiNotFoundResponse({ description: 'no such organisation or contact, or another organisation’s' })
  async findOne(@Param('id') id: string, @Param('contactId') contactId: string, @CurrentPrincipal() principal: Principal): Promise<ContactDto> {
    await assertManages(principal, id, this.organisations);
    const contact = isUuid(contactId) ? await this.contacts.find(id, contactId) : undefined;
    if (!contact) throw new ApiError(HttpStatus.NOT_FOUND, CONTACT_NOT_FOUND);
    return contactView(contact);
  }

  @Patch(':contactId')
  @Audience('admin-or-organisation')
  @ApiBody({ type: UpdateContactDto })
  @ApiOkResponse({ type: ContactDto, description: 'the contact after the change; audited (the fields changed, never their values)' })
  @ApiBadRequestResponse({ description: 'no change given, a field not valid, or subscribed: false with a daily/weekly digest' })
  @ApiNotFoundResponse({ description: 'no such organisation or contact, or another organisation’s' })
  @ApiConflictResponse({ description: 'another contact of the organisation has this email' })
  async update(@Param('id') id: string, @Param('contactId') contactId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<ContactDto> {
    await assertManages(principal, id, this.organisations);
    const change = validateChange(body);
    const result = isUuid(contactId) ? await this.contacts.update(id, contactId, change, auditActor(principal)) : { outcome: 'not-found' as const };
    if (result.outcome === 'not-found') throw new ApiError(HttpStatus.NOT_FOUND, CONTACT_NOT_FOUND);
    if (result.outcome === 'email-taken') {
      throw new ApiError(HttpStatus.CONFLICT, 'A contact with this email already exists for the organisation', [{ field: 'email', message: 'already registered' }]);
    }
    return contactView(result.contact);
  }

  @Delete(':contactId')
  @Audience('admin-or-organisation')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a contact',
    description:
      'The admin or the contact’s own organisation. The contact and every email addressed to it go: unsent alerts, digests ' +
      'and Ombudsman emails are never sent, and sent ones no longer hold the address. Nothing is sent to it afterwards. ' +
      'While an email to it is being handed to the mail relay the answer is 409 with Retry-After (seconds). Audited (ids and counts only).',
  })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiNotFoundResponse({ description: 'no such organisation or contact, or another organisation’s' })
  @ApiConflictResponse({ description: 'an email to the contact is being sent right now; try again after Retry-After seconds' })
  async remove(
    @Param('id') id: string,
    @Param('contactId') contactId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await assertManages(principal, id, this.organisations);
    const result = isUuid(contactId) ? await this.contacts.remove(id, contactId, auditActor(principal)) : { outcome: 'not-found' as const };
    if (result.outcome === 'not-found') throw new ApiError(HttpStatus.NOT_FOUND, CONTACT_NOT_FOUND);
    if (result.outcome === 'sending') {
      void reply.header('retry-after', String(result.retryAfterSeconds));
      throw new ApiError(HttpStatus.CONFLICT, 'An email to this contact is being sent right now; try again shortly', [
        { field: 'contactId', message: `an email is being handed to the mail relay; retry after ${result.retryAfterSeconds} s` },
      ]);
    }
  }
}

function validateChange(body: unknown): UpdateContactDto {
  const change = validateBody(UpdateContactDto, body);
  if (Object.values(change).every((value) => value === undefined)) {
    throw new ValidationFailed([{ field: '(body)', message: 'give at least one of name, email, serviceAreas, themes, digest, subscribed' }]);
  }
  if (change.subscribed === false && (change.digest === 'daily' || change.digest === 'weekly')) {
    throw new ValidationFailed([{ field: 'digest', message: 'an unsubscribed contact gets no digests: use none, or leave it out' }]);
  }
  return change;
}

function contactView(row: ContactRow): ContactDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    serviceAreas: row.serviceAreas,
    themes: row.themes,
    digest: row.digest,
    subscribed: row.unsubscribedAt === null,
    unsubscribedAt: row.unsubscribedAt ? new Date(row.unsubscribedAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
