// Which URLs the window may show itself, and which may be handed to the operating system.
const EXTERNAL_PROTOCOLS = new Set(['https:', 'tel:', 'mailto:']);

/** Only web pages over TLS, phone numbers and email addresses leave the app; never file:, http:, or app schemes. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * The renderer's own pages: the dev server's origin in development, otherwise the bundled index.html at
 * rendererIndexUrl (app://portico/index.html; any query or hash). Scheme, host and path are compared
 * themselves because the URL parser gives non-http schemes (app:, file:) the origin "null".
 */
export function createAppUrlCheck({
  rendererDevUrl,
  rendererIndexUrl,
}: {
  rendererDevUrl: string | null;
  rendererIndexUrl: string;
}): (url: string) => boolean {
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (rendererDevUrl) return parsed.origin === new URL(rendererDevUrl).origin;
    const index = new URL(rendererIndexUrl);
    return (
      parsed.protocol === index.protocol && parsed.host === index.host && parsed.pathname === index.pathname
    );
  };
}
