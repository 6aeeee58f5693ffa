// A private certificate authority made at test time with the openssl CLI (node:crypto cannot issue X.509
// certificates), as a company's own CA or a TLS-inspecting proxy has: no private key lives in the repository.
// openssl is in installTestHost's SYSTEM_PACKAGES, so a fresh CI machine has it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CertificateAuthority {
  readonly dir: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** PEM, for NODE_EXTRA_CA_CERTS or a test's own trust. */
  readonly cert: string;
}

export interface ServerCertificate {
  readonly key: string;
  /** The leaf, then the CA when `withChain`: what an https server sends. */
  readonly cert: string;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** A CA (key and self-signed certificate) in `dir`, valid for two days, with the name `commonName`. */
export function makeCertificateAuthority(dir: string, commonName: string): CertificateAuthority {
  fs.mkdirSync(dir, { recursive: true });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${commonName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', 'ca.key', '-out', 'ca.pem'], dir);
  const certFile = path.join(dir, 'ca.pem');
  return { dir, certFile, keyFile: path.join(dir, 'ca.key'), cert: fs.readFileSync(certFile, 'utf8') };
}

/** A CA made earlier (by the launcher, for NODE_EXTRA_CA_CERTS), found again from its folder. */
export function existingCertificateAuthority(dir: string): CertificateAuthority {
  const certFile = path.join(dir, 'ca.pem');
  return { dir, certFile, keyFile: path.join(dir, 'ca.key'), cert: fs.readFileSync(certFile, 'utf8') };
}

export interface LeafOptions {
  /** DNS names and IP addresses the certificate is for (its subjectAltName). */
  readonly names: readonly string[];
  /** Send the CA after the leaf, as most servers do (an untrusted CA then reads SELF_SIGNED_CERT_IN_CHAIN). */
  readonly withChain?: boolean;
}

let serial = 0;

/** A server certificate signed by `ca`, made in a fresh sub-folder of the CA's. */
export function issueServerCertificate(ca: CertificateAuthority, options: LeafOptions): ServerCertificate {
  serial += 1;
  const dir = path.join(ca.dir, `leaf-${process.pid}-${serial}`);
  fs.mkdirSync(dir, { recursive: true });
  const altNames = options.names.map((name) => (/^[0-9.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  fs.writeFileSync(path.join(dir, 'ext.cnf'), `subjectAltName=${altNames}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${options.names[0]}`, '-keyout', 'leaf.key', '-out', 'leaf.csr'], dir);
  openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', ca.certFile, '-CAkey', ca.keyFile, '-days', '2', '-set_serial', String(serial), '-extfile', 'ext.cnf', '-out', 'leaf.pem'], dir);
  const leaf = fs.readFileSync(path.join(dir, 'leaf.pem'), 'utf8');
  return { key: fs.readFileSync(path.join(dir, 'leaf.key'), 'utf8'), cert: options.withChain ? `${leaf}${ca.cert}` : leaf };
}
