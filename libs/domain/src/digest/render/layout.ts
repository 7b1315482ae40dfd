import { htmlPartial, textPartial } from './handlebars-env';

/*
 * Shared HTML frame: `{{> head}}` needs `appName` and `title`, `{{> foot}}` needs `reason`
 * and `unsubscribeUrl`; `{{> entry}}` renders an EntryView (HTML and text). Inline styles only (mail clients drop <style>), one column, system
 * fonts, colour never the only carrier of meaning (arrows come with words).
 */

export const STYLE = {
  table: 'border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:14px;',
  th: 'text-align:left;border-bottom:2px solid #0b0c0c;padding:6px 8px;',
  thNum: 'text-align:right;border-bottom:2px solid #0b0c0c;padding:6px 8px;',
  td: 'border-bottom:1px solid #b1b4b6;padding:6px 8px;vertical-align:top;',
  tdNum: 'border-bottom:1px solid #b1b4b6;padding:6px 8px;text-align:right;white-space:nowrap;',
  h2: 'font-size:20px;margin:28px 0 8px;',
  h3: 'font-size:17px;margin:20px 0 6px;',
  meta: 'color:#505a5f;font-size:14px;margin:0 0 4px;',
  item: 'margin:0 0 14px;padding:0 0 0 12px;border-left:4px solid #b1b4b6;',
  serious: 'margin:0 0 14px;padding:0 0 0 12px;border-left:4px solid #d4351c;',
  note: 'color:#505a5f;font-size:14px;',
} as const;

htmlPartial(
  'head',
  `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
</head>
<body style="margin:0;padding:0;background:#f3f2f1;">
<table role="presentation" style="width:100%;border-collapse:collapse;background:#f3f2f1;">
<tr><td style="padding:16px;">
<div style="max-width:640px;margin:0 auto;background:#ffffff;padding:24px;font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;line-height:1.5;font-size:16px;">
<p style="margin:0 0 4px;font-size:14px;font-weight:bold;color:#1d70b8;">{{appName}}</p>
<h1 style="font-size:24px;margin:0 0 16px;">{{title}}</h1>
`,
);

htmlPartial(
  'foot',
  `<hr style="border:0;border-top:1px solid #b1b4b6;margin:32px 0 12px;">
<p style="color:#505a5f;font-size:13px;margin:0;">{{reason}} <a href="{{unsubscribeUrl}}" style="color:#1d70b8;">Unsubscribe</a></p>
</div>
</td></tr>
</table>
</body>
</html>
`,
);

htmlPartial(
  'entry',
  `<div style="{{#if serious}}${STYLE.serious}{{else}}${STYLE.item}{{/if}}">
<p style="margin:0;font-weight:bold;">{{heading}}</p>
<p style="${STYLE.meta}">{{meta}}</p>
<p style="${STYLE.meta}">{{themes}}</p>
<p style="margin:4px 0 0;">{{summary}}</p>
</div>
`,
);

textPartial(
  'entry',
  `* {{heading}}
  {{meta}}
  {{themes}}
  {{summary}}

`,
);

textPartial(
  'foot',
  `--
{{reason}}
Unsubscribe: {{unsubscribeUrl}}
`,
);
