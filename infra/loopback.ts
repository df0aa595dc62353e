/**
 * Whether a host name or address stays on this computer. One rule for every place that relaxes a
 * safeguard for loopback only: the SMTP capture server's bind address, STARTTLS for SMTP
 * credentials, and the dashboard's credentials.
 */

/**
 * True for `localhost`, `::1` and 127.0.0.0/8, in any letter case and with or without the square
 * brackets of a URL's IPv6 host (`[::1]`). Any other name is false, even one that resolves to a
 * loopback address: no DNS is asked.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}
