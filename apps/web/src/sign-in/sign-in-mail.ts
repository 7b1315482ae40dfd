import { randomBytes } from 'node:crypto';
import type { OutgoingMail } from '@app/mail';

/** The sign-in email: plain text and simple HTML with the same one link, and when it stops working. */
export function signInMail(input: { to: { name: string; address: string }; link: string; minutes: number; domain: string }): OutgoingMail {
  const { to, link, minutes } = input;
  const text = [
    `Hello ${to.name},`,
    '',
    'Use this link to sign in to Complaint learning:',
    '',
    link,
    '',
    `The link works once, for ${minutes} minutes. If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.`,
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(to.name)},</p>`,
    '<p>Use this link to sign in to Complaint learning:</p>',
    `<p><a href="${escapeHtml(link)}">Sign in to Complaint learning</a></p>`,
    `<p>The link works once, for ${minutes} minutes. If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.</p>`,
  ].join('\n');
  return {
    to,
    subject: 'Your sign-in link for Complaint learning',
    text,
    html,
    // Each sign-in email is its own message: a fresh id, never a retry of another.
    messageId: `<sign-in.${randomBytes(12).toString('hex')}@${input.domain}>`,
  };
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
