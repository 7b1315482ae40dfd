/**
 * The pages behind the unsubscribe link. Static text apart from the (verified, then escaped)
 * token in the form's action: nothing from the database is written into them, so a link
 * shared by forwarding a digest reveals nothing about the contact.
 */
const HEAD = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>TITLE</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:640px;margin:40px auto;padding:0 16px;line-height:1.5;">`;

const FOOT = `</body></html>`;

function page(title: string, body: string): string {
  return `${HEAD.replace('TITLE', title)}\n${body}\n${FOOT}`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * What a GET shows: a question and a button, nothing changed. Mail scanners and anyone the
 * email was forwarded to follow links; only the POST (this form, or a mail provider's RFC 8058
 * one-click request) unsubscribes.
 */
export function confirmationPage(token: string): string {
  return page(
    'Unsubscribe from complaint learning emails',
    `<h1 style="font-size:22px;">Unsubscribe from complaint learning emails?</h1>
<p>You will get no more complaint learning emails: no digests, and no immediate alerts about serious cases.</p>
<form method="post" action="?token=${escapeAttribute(encodeURIComponent(token))}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size:16px;padding:8px 16px;">Unsubscribe</button>
</form>
<p>If you do nothing, nothing changes.</p>`,
  );
}

export const UNSUBSCRIBED_PAGE = page(
  'Unsubscribed',
  `<h1 style="font-size:22px;">You are unsubscribed</h1>
<p>You will not receive any more complaint learning emails: no digests and no immediate alerts about serious cases.</p>
<p>If this was a mistake, ask your organisation or the service operator to subscribe you again.</p>`,
);
