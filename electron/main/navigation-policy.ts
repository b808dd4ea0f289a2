// What the window may do on its own: nothing beyond our app:// pages. Navigation away, new windows, <webview>
// and every permission (camera, notifications, geolocation, ...) are refused; an allow-listed http(s) link
// goes to the user's browser instead.
import { isAppUrl } from './app-protocol.ts';
import { allowedExternalUrl } from './external-links.ts';

export interface LinkDecision {
  /** Whether the window itself may go there. */
  allow: boolean;
  /** An allow-listed page to open in the user's browser instead, if any. */
  openExternally: string | null;
}

/** will-navigate / will-redirect / will-frame-navigate: only our own pages. */
export function decideNavigation(url: string): LinkDecision {
  if (isAppUrl(url)) return { allow: true, openExternally: null };
  return { allow: false, openExternally: allowedExternalUrl(url) };
}

/** window.open and target=_blank: never a new window. */
export function decideWindowOpen(url: string): LinkDecision {
  return { allow: false, openExternally: allowedExternalUrl(url) };
}

/** Permission requests and checks: always no. The app needs no device, notification or storage permission. */
export function decidePermission(_permission: string, _requestingUrl?: string): boolean {
  return false;
}
