import { Body, Controller, Get, HttpStatus, Param, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ContactRepository, OrganisationRepository, type ContactRow } from '@app/persistence';
import { auditActor } from '../auth/audit-actor';
import { Audience, CurrentPrincipal, Principal } from '../auth/principal';
import { ApiError, ValidationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { validateBody } from '../common/validate-body';
import { assertManages } from '../organisations/organisation-access';
import { ContactDto, ContactListDto, UpdateContactDto } from './contact.dto';

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

  @Patch(':contactId')
  @Audience('admin-or-organisation')
  @ApiBody({ type: UpdateContactDto })
  @ApiOkResponse({ type: ContactDto, description: 'the contact after the change; a re-subscription or frequency change is recorded in the audit log' })
  @ApiBadRequestResponse({ description: 'no change given, or subscribed: false with a daily/weekly digest' })
  @ApiNotFoundResponse({ description: 'no such organisation or contact, or another organisation’s' })
  async update(@Param('id') id: string, @Param('contactId') contactId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<ContactDto> {
    await assertManages(principal, id, this.organisations);
    const change = validateChange(body);
    const updated = isUuid(contactId) ? await this.contacts.update(id, contactId, change, auditActor(principal)) : null;
    if (!updated) throw new ApiError(HttpStatus.NOT_FOUND, 'Contact not found');
    return contactView(updated);
  }
}

function validateChange(body: unknown): UpdateContactDto {
  const change = validateBody(UpdateContactDto, body);
  if (change.digest === undefined && change.subscribed === undefined) {
    throw new ValidationFailed([{ field: '(body)', message: 'give digest, subscribed, or both' }]);
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
