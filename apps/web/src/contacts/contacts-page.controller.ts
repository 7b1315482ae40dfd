import { Body, Controller, Get, NotFoundException, Param, Post, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ContactRepository, OrganisationRepository, type AuditActor, type ContactRow } from '@app/persistence';
import { CurrentViewer, WebAudience } from '../auth/web-audience.decorator';
import { signOut } from '../session/session.hooks';
import type { Viewer } from '../session/web-session';
import { formValuesOf, readContactForm, THEME_CHOICES, validateContactForm, type ContactFormValues, type FormErrors } from './contact-form';
import { contactRowView } from './contact-row.view';
import { setNotice, takeNotice } from './contacts-notice';
import { DigestPreviewService } from './digest-preview.service';
import { digestPreviewView } from './digest-preview.view';

type Form = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_TAKEN = 'Another contact of your organisation already has this email address';

/**
 * A signed-in contact manages its own organisation's contacts: a body's contact its body's,
 * an Ombudsman contact the Ombudsman's (never another organisation's: their ids answer 404).
 * Writes go through the repository methods the JSON API uses, so the rules and the audit
 * rows are the same; the actor is the signed-in contact.
 */
@ApiExcludeController()
@Controller('contacts')
@WebAudience('body', 'ombudsman')
export class ContactsPageController {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly organisations: OrganisationRepository,
    private readonly previews: DigestPreviewService,
  ) {}

  @Get()
  @Render('contacts/list.njk')
  async list(@CurrentViewer() viewer: Viewer, @Req() request: FastifyRequest) {
    const rows = await this.contacts.list(organisationOf(viewer));
    return { contacts: rows.map((row) => contactRowView(row, viewer.contactId)), notice: takeNotice(request) };
  }

  @Get('new')
  @Render('contacts/form.njk')
  addForm() {
    return formPage('add', { name: '', email: '', serviceAreas: '', themes: [], digest: '' });
  }

  @Post('new')
  async add(@CurrentViewer() viewer: Viewer, @Body() body: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const values = readContactForm(body);
    const result = validateContactForm(values);
    if (!result.ok) return reply.code(400).view('contacts/form.njk', formPage('add', values, result.errors));
    const added = await this.organisations.addContact({ organisationId: organisationOf(viewer), ...result.fields }, actorOf(viewer));
    if (!added) return reply.code(409).view('contacts/form.njk', formPage('add', values, { email: EMAIL_TAKEN }));
    setNotice(request, { heading: `${result.fields.name} was added as a contact` });
    return reply.redirect('/contacts', 303);
  }

  @Get(':contactId/edit')
  @Render('contacts/form.njk')
  async editForm(@CurrentViewer() viewer: Viewer, @Param('contactId') contactId: string) {
    const contact = await this.find(viewer, contactId);
    return formPage('edit', formValuesOf(contact), undefined, contact);
  }

  @Post(':contactId/edit')
  async edit(@CurrentViewer() viewer: Viewer, @Param('contactId') contactId: string, @Body() body: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const contact = await this.find(viewer, contactId);
    const values = readContactForm(body);
    const result = validateContactForm(values);
    if (!result.ok) return reply.code(400).view('contacts/form.njk', formPage('edit', values, result.errors, contact));
    const outcome = await this.contacts.update(organisationOf(viewer), contact.id, result.fields, actorOf(viewer));
    if (outcome.outcome === 'not-found') throw new NotFoundException();
    if (outcome.outcome === 'email-taken') return reply.code(409).view('contacts/form.njk', formPage('edit', values, { email: EMAIL_TAKEN }, contact));
    const resubscribed = contact.unsubscribedAt !== null && outcome.contact.unsubscribedAt === null;
    setNotice(request, {
      heading: `${outcome.contact.name}’s details were saved`,
      body: resubscribed ? `${outcome.contact.name} asked for a digest, so they are subscribed to email again.` : undefined,
    });
    return reply.redirect('/contacts', 303);
  }

  @Get(':contactId/remove')
  @Render('contacts/remove.njk')
  async removeForm(@CurrentViewer() viewer: Viewer, @Param('contactId') contactId: string) {
    return removePage(await this.find(viewer, contactId), viewer);
  }

  @Post(':contactId/remove')
  async remove(@CurrentViewer() viewer: Viewer, @Param('contactId') contactId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const contact = await this.find(viewer, contactId);
    const outcome = await this.contacts.remove(organisationOf(viewer), contact.id, actorOf(viewer));
    if (outcome.outcome === 'not-found') throw new NotFoundException();
    if (outcome.outcome === 'sending') {
      const wait = outcome.retryAfterSeconds === 1 ? '1 second' : `${outcome.retryAfterSeconds} seconds`;
      const message = `An email to ${contact.name} is being sent right now, so they cannot be removed yet. Try again in ${wait}.`;
      return reply.code(409).header('retry-after', String(outcome.retryAfterSeconds)).view('contacts/remove.njk', { ...removePage(contact, viewer), errors: { remove: message } });
    }
    if (contact.id === viewer.contactId) {
      // Removed themself: the session belongs to a contact that no longer exists.
      signOut(request);
      return reply.redirect('/signed-out', 303);
    }
    setNotice(request, { heading: `${contact.name} was removed`, body: 'They will get no more email from this service, and emails not yet sent to them were discarded.' });
    return reply.redirect('/contacts', 303);
  }

  @Post(':contactId/resubscribe')
  async resubscribe(@CurrentViewer() viewer: Viewer, @Param('contactId') contactId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const contact = await this.find(viewer, contactId);
    const outcome = await this.contacts.update(organisationOf(viewer), contact.id, { subscribed: true }, actorOf(viewer));
    if (outcome.outcome !== 'updated') throw new NotFoundException();
    setNotice(request, {
      heading: `${contact.name} is subscribed to email again`,
      body: `They get alerts again. Their digest is ${outcome.contact.digest === 'none' ? 'off: change their details to choose daily or weekly' : outcome.contact.digest}.`,
    });
    return reply.redirect('/contacts', 303);
  }

  @Get(':contactId/digest-preview')
  @Render('contacts/digest-preview.njk')
  async digestPreview(@CurrentViewer() viewer: Viewer, @Param('contactId') contactId: string) {
    const preview = UUID.test(contactId) ? await this.previews.preview(organisationOf(viewer), contactId) : undefined;
    if (!preview) throw new NotFoundException();
    return digestPreviewView(preview);
  }

  /** A contact of the viewer's organisation, or 404 (another organisation's looks like a missing one). */
  private async find(viewer: Viewer, contactId: string): Promise<ContactRow> {
    const contact = UUID.test(contactId) ? await this.contacts.find(organisationOf(viewer), contactId) : undefined;
    if (!contact) throw new NotFoundException();
    return contact;
  }
}

/** Always the viewer's own organisation: the Ombudsman manages its own contacts here, not other bodies'. */
function organisationOf(viewer: Viewer): string {
  if (!viewer.organisationId) throw new NotFoundException();
  return viewer.organisationId;
}

function actorOf(viewer: Viewer): AuditActor {
  return { kind: 'contact', id: viewer.contactId };
}

function formPage(mode: 'add' | 'edit', values: ContactFormValues, errors?: FormErrors, contact?: ContactRow) {
  return {
    mode,
    values,
    errors,
    themeChoices: THEME_CHOICES.map((choice) => ({ ...choice, checked: values.themes.includes(choice.value) })),
    contactId: contact?.id,
    contactName: contact?.name,
    unsubscribed: contact ? contact.unsubscribedAt !== null : false,
  };
}

function removePage(contact: ContactRow, viewer: Viewer) {
  return { contactId: contact.id, contactName: contact.name, contactEmail: contact.email, isSelf: contact.id === viewer.contactId };
}
