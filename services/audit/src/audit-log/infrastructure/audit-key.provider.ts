import { AgencySigningKey } from '@cuakhau/signing';
import type { AuditConfig } from '../../audit.config';

/** The audit key: the configured PEM, else (outside production) the development key. */
export class AuditKey {
  constructor(readonly key: AgencySigningKey) {}

  static fromConfig(config: AuditConfig): AuditKey {
    return new AuditKey(
      config.AUDIT_SIGNING_KEY_PEM === undefined
        ? AgencySigningKey.loadOrCreateDevelopmentKey('audit', config.AUDIT_DEV_KEYS_DIR)
        : AgencySigningKey.fromPrivateKeyPem('audit', config.AUDIT_SIGNING_KEY_PEM),
    );
  }
}
