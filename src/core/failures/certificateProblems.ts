// Names what is wrong with a host's certificate from Node's TLS error code, in words a user can act on.
import * as l10n from '@vscode/l10n';

/** What is wrong with the host's certificate, as the end of "the certificate of {host} …", or undefined for other codes. */
export function certificateProblem(code: string): string | undefined {
  switch (code) {
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      // The usual sign of a TLS-inspecting proxy or an on-premises host: a CA this computer has not been told to trust.
      return l10n.t('was issued by a certificate authority this computer does not trust (a company\'s own CA or TLS inspection does this)');
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return l10n.t('is self-signed, so nothing vouches for it');
    case 'CERT_HAS_EXPIRED':
      return l10n.t('has expired');
    case 'CERT_NOT_YET_VALID':
      return l10n.t('is not valid yet (check this computer\'s clock)');
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return l10n.t('was issued for a different host name');
    case 'CERT_REVOKED':
      return l10n.t('has been revoked');
    case 'CERT_SIGNATURE_FAILURE':
    case 'CERT_UNTRUSTED':
    case 'CERT_REJECTED':
    case 'INVALID_CA':
    case 'INVALID_PURPOSE':
    case 'PATH_LENGTH_EXCEEDED':
      return l10n.t('is not acceptable for this connection');
    default:
      return undefined;
  }
}
