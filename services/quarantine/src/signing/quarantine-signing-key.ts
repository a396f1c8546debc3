import * as path from 'node:path';
import { AgencySigningKey } from '@cuakhau/signing';
import type { QuarantineConfig } from '../quarantine.config';

/** The agency name in key ids (`quarantine-<16 hex>`). */
export const QUARANTINE_AGENCY = 'quarantine';

/** `<repo>/.run/keys`, where development keys live (this file is services/quarantine/src/signing). */
const DEFAULT_DEV_KEY_DIR = path.resolve(__dirname, '..', '..', '..', '..', '.run', 'keys');

/** The configured key, else (outside production) the development key kept on disk. */
export function loadQuarantineSigningKey(config: QuarantineConfig): AgencySigningKey {
  if (config.QUARANTINE_SIGNING_KEY_PEM !== undefined) {
    return AgencySigningKey.fromPrivateKeyPem(QUARANTINE_AGENCY, config.QUARANTINE_SIGNING_KEY_PEM);
  }
  if (config.NODE_ENV === 'production') {
    throw new Error('QUARANTINE_SIGNING_KEY_PEM is required in production');
  }
  return AgencySigningKey.loadOrCreateDevelopmentKey(
    QUARANTINE_AGENCY,
    config.QUARANTINE_DEV_KEY_DIR ?? DEFAULT_DEV_KEY_DIR,
  );
}
