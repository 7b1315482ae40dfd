import type { WebRole } from '../session/web-session';

export interface NavItem {
  text: string;
  href: string;
}

/**
 * The header's links for each role, in order. A new section adds its link here, for the roles
 * whose @WebAudience lets them in (a link to a page that answers 403 is a broken promise).
 * Sign out is not a link: the layout renders it as a POST form for every signed-in viewer.
 */
export const NAVIGATION: Record<WebRole, readonly NavItem[]> = {
  body: [
    { text: 'Complaints', href: '/complaints' },
    { text: 'Learning', href: '/learning' },
    { text: 'Contacts', href: '/contacts' },
  ],
  ombudsman: [
    { text: 'Learning', href: '/learning' },
    { text: 'Complaints', href: '/complaints' },
    { text: 'Contacts', href: '/contacts' },
  ],
  operator: [{ text: 'Admin', href: '/admin' }],
};

/** The navigation for a role with the current section marked (a path equal to or under the link). */
export function navigationFor(role: WebRole | undefined, path: string): Array<NavItem & { active: boolean }> {
  if (!role) return [];
  return NAVIGATION[role].map((item) => ({ ...item, active: path === item.href || path.startsWith(`${item.href}/`) }));
}
