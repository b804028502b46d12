import { device } from '../device/context';
import { CONTENT_BASE } from '../envelope/outgoing';
import { parseCertificate, parsedCertificate, KEY_USAGE_NONE } from '../asn1/certificate';

// CS02d Update Device Certificate on Device (GBCS 7; devices R.6): the content is the device's new
// DS or KA certificate; the answer is INTEGER 0 success, 1 invalid certificate, 2 wrong device
// identity (the certificate's hardwareModuleName is another EUI), 3 invalid key usage (RTDS
// 6.15.2 ERROR: keyUsage nonRepudiation instead of digitalSignature). Not modelled (they need the
// secure element's key pairs): 4 no corresponding key pair, 5 wrong public key, 6 storage failure,
// 7 private key change failure; the accepted certificate itself stays with the secure element.

const OUTCOME_SUCCESS: u8 = 0;
const OUTCOME_INVALID_CERTIFICATE: u8 = 1;
const OUTCOME_WRONG_DEVICE: u8 = 2;
const OUTCOME_INVALID_KEY_USAGE: u8 = 3;
const DER_INTEGER: u8 = 0x02;

export function updateDeviceCertificate(slot: u32, content: usize, end: usize): i32 {
  let outcome = OUTCOME_SUCCESS;
  if (!parseCertificate(content, end)) outcome = OUTCOME_INVALID_CERTIFICATE;
  else if (parsedCertificate().subjectEui != device(slot).eui) outcome = OUTCOME_WRONG_DEVICE;
  else if (parsedCertificate().keyUsage == KEY_USAGE_NONE) outcome = OUTCOME_INVALID_KEY_USAGE;
  store<u8>(CONTENT_BASE, DER_INTEGER);
  store<u8>(CONTENT_BASE + 1, 1);
  store<u8>(CONTENT_BASE + 2, outcome);
  return 3;
}
