/** What the web server writes to its logs about a request, without the credentials in its URL. */

/** The URL with any link token and file signature replaced, for logs. */
export function redactUrl(url: string): string {
  return url
    .replace(/^\/(contribute|collection|review|sign-off|pending)\/[^/?#]+/, '/$1/:token')
    .replace(/^(\/files\/[^?]*)\?.*$/, '$1?…');
}
