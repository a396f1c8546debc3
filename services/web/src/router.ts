import { AGENCIES, type Agency } from './api/types';

/** Every screen of the app, by path (the gateway falls back to index.html for them). */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'login' }
  | { readonly name: 'shipments' }
  | { readonly name: 'shipment-new' }
  | { readonly name: 'shipment'; readonly id: string }
  | { readonly name: 'shipment-edit'; readonly id: string }
  | { readonly name: 'shipment-pass'; readonly id: string }
  | { readonly name: 'driver'; readonly plate: string; readonly passCode: string }
  | { readonly name: 'cases'; readonly agency: Agency }
  | { readonly name: 'case'; readonly agency: Agency; readonly shipmentId: string }
  | { readonly name: 'yard' }
  | { readonly name: 'reports' }
  | { readonly name: 'audit'; readonly shipmentId: string }
  | { readonly name: 'feedback' }
  | { readonly name: 'not-found' };

function isAgency(value: string | undefined): value is Agency {
  return value !== undefined && (AGENCIES as readonly string[]).includes(value);
}

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname
    .split('/')
    .filter((part) => part !== '')
    .map(decodeURIComponent);
  const query = new URLSearchParams(search);
  const [first, second, third] = parts;
  switch (first) {
    case undefined:
      return { name: 'home' };
    case 'login':
      return { name: 'login' };
    case 'driver':
      return {
        name: 'driver',
        plate: query.get('plate') ?? '',
        passCode: query.get('passCode') ?? '',
      };
    case 'shipments':
      if (second === undefined) return { name: 'shipments' };
      if (second === 'new') return { name: 'shipment-new' };
      if (third === undefined) return { name: 'shipment', id: second };
      if (third === 'edit') return { name: 'shipment-edit', id: second };
      if (third === 'pass') return { name: 'shipment-pass', id: second };
      return { name: 'not-found' };
    case 'cases':
      if (!isAgency(second)) return { name: 'not-found' };
      return third === undefined
        ? { name: 'cases', agency: second }
        : { name: 'case', agency: second, shipmentId: third };
    case 'yard':
      return { name: 'yard' };
    case 'reports':
      return { name: 'reports' };
    case 'audit':
      return { name: 'audit', shipmentId: query.get('shipmentId') ?? '' };
    case 'feedback':
      return second === undefined ? { name: 'feedback' } : { name: 'not-found' };
    default:
      return { name: 'not-found' };
  }
}

/** The driver page of a pass: what the QR code on the printed pass opens. */
export function driverPageUrl(origin: string, plate: string, passCode: string): string {
  const query = new URLSearchParams({ plate, passCode });
  return `${origin}/driver?${query.toString()}`;
}
