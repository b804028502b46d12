// Object identifiers found in GBCS certificates (GBCS 4.7; checked against the reference
// keystore with `openssl asn1parse`). One table, used by the reader and the test-PKI writer.

export const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organizationalUnitName: '2.5.4.11',
  x500UniqueIdentifier: '2.5.4.45',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  subjectAltName: '2.5.29.17',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  basicConstraints: '2.5.29.19',
  /** RFC 4108 hardwareModuleName otherName, carrying the device EUI-64 (GBCS 4.7). */
  hardwareModuleName: '1.3.6.1.5.5.7.8.4',
  /** hwType inside hardwareModuleName in the reference device certificates. */
  gbcsDeviceHwType: '1.2.826.0.1.8641679.1.2.2.1',
  /** certificatePolicies of the reference device certificates. */
  gbcsDevicePolicy: '1.2.826.0.1.1800000.1.2.1.4',
  /** certificatePolicies of the reference organisation certificates. */
  gbcsOrganisationPolicy: '1.2.826.0.1.8641679.1.2.1.4',
} as const;

/** keyUsage bits (RFC 5280 4.2.1.3) as DER BIT STRING contents, exactly as the reference certificates encode them. */
export const KEY_USAGE_DER = {
  digitalSignature: Uint8Array.of(0x07, 0x80), // 03 02 07 80
  keyAgreement: Uint8Array.of(0x03, 0x08), // 03 02 03 08
  keyCertSign: Uint8Array.of(0x01, 0x06), // keyCertSign + cRLSign, for the test-PKI CA
} as const;
