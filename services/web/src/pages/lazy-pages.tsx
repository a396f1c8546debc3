import { lazy } from 'react';

/**
 * The screens behind a login, each loaded when first opened (its own chunk): the driver's
 * page — phones on the yard's network — and the login stay in the first download, without
 * the supervisor's charts (Recharts) or the pass's QR code library.
 */
export const ShipmentsPage = lazy(() =>
  import('./shipments-page').then((module) => ({ default: module.ShipmentsPage })),
);
export const ShipmentFormPage = lazy(() =>
  import('./shipment-form-page').then((module) => ({ default: module.ShipmentFormPage })),
);
export const ShipmentDetailPage = lazy(() =>
  import('./shipment-detail-page').then((module) => ({ default: module.ShipmentDetailPage })),
);
export const ShipmentPassPage = lazy(() =>
  import('./shipment-pass-page').then((module) => ({ default: module.ShipmentPassPage })),
);
export const CasesPage = lazy(() =>
  import('./officer-pages').then((module) => ({ default: module.CasesPage })),
);
export const CasePage = lazy(() =>
  import('./officer-pages').then((module) => ({ default: module.CasePage })),
);
export const YardPage = lazy(() =>
  import('./yard-page').then((module) => ({ default: module.YardPage })),
);
export const ReportsPage = lazy(() =>
  import('./supervisor-pages').then((module) => ({ default: module.ReportsPage })),
);
export const AuditPage = lazy(() =>
  import('./supervisor-pages').then((module) => ({ default: module.AuditPage })),
);
export const FeedbackPage = lazy(() =>
  import('./feedback-page').then((module) => ({ default: module.FeedbackPage })),
);
