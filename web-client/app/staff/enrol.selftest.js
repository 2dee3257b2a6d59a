// Self-checks of the enrolment's pure parts: the code as typed, the console's /staff#enrol= address, who
// may enrol, the MDM file's name and bytes, and the pairing screen's fragment. Run by runStaffChecks.

import { approvalUrl, otherLanguage, pairingOfHash } from '../enrol/pairing.js';
import { bedAndLabelProblem } from './enrol-dialog.js';
import { fromBase64, p12Name } from './mdm-dialog.js';
import { canEnrolTablet, enrolCodeOfHash, enrolmentCode } from './rules.js';

export function runEnrolChecks(check) {
  for (const typed of ['1234-5678', '12345678', ' 1234 5678 ', '1234-56-78']) check(enrolmentCode(typed) === '12345678', `enrolment code: "${typed}" is 12345678`);
  for (const bad of ['1234567', '123456789', '1234-567a', '', '１２３４５６７８']) check(enrolmentCode(bad) === null, `enrolment code: "${bad}" is refused`);
  check(enrolCodeOfHash('#enrol=12345678') === '12345678' && enrolCodeOfHash('enrol=1234-5678') === '12345678',
    'enrol hash: the code of /staff#enrol=…');
  check(enrolCodeOfHash('#enrol=12') === '' && enrolCodeOfHash('#enrol=') === '', 'enrol hash: a bad code opens the dialog empty');
  check(enrolCodeOfHash('#tablets') === null && enrolCodeOfHash('') === null && enrolCodeOfHash(undefined) === null,
    'enrol hash: any other hash is not an enrolment');
  check(canEnrolTablet('ward_manager') && canEnrolTablet('admin') && !canEnrolTablet('nurse') && !canEnrolTablet(undefined),
    'enrol: ward managers and admins only (tablet.enrol)');

  check(p12Name('Tablet bed 12.p12') === 'Tablet bed 12.p12', 'p12 name: the server\'s name kept');
  check(p12Name('../../etc/passwd') === 'passwd.p12' && p12Name('a"b<c>.p12') === 'a_b_c_.p12' && p12Name('') === 'tablet.p12',
    'p12 name: no path, no odd characters, always .p12');
  check(Array.from(fromBase64('AAH/gA==')).join(',') === '0,1,255,128', 'base64: the PKCS#12 bytes as sent');

  const input = (value) => ({ value });
  const bed = input('bed-1');
  check(bedAndLabelProblem('mdm', bed, input(' Tablet 1 ')) === null, 'bed and label: a bed and a name are enough');
  check(bedAndLabelProblem('mdm', input(''), input('x'))[1] === 'staff.problem.mdm.invalid_request.bed', 'bed and label: a bed is needed');
  check(bedAndLabelProblem('enrolment', bed, input('   '))[1] === 'staff.problem.enrolment.invalid_request.label', 'bed and label: a name is needed');
  check(bedAndLabelProblem('enrolment', bed, input('x'.repeat(65))) !== null && bedAndLabelProblem('enrolment', bed, input('é'.repeat(64))) === null,
    'bed and label: at most 64 characters');

  const pairing = pairingOfHash('#code=1234-5678&expires=1767225600000');
  check(pairing && pairing.code === '1234-5678' && pairing.digits === '12345678' && pairing.groups.join('|') === '1234|5678'
    && pairing.expiresAt === 1767225600000, 'pairing: code and expiry from the fragment');
  check(pairingOfHash('#code=12345678').expiresAt === null, 'pairing: the expiry is optional');
  for (const bad of ['', '#', '#code=1234', '#code=1234-567x', '#other=12345678']) check(pairingOfHash(bad) === null, `pairing: "${bad}" has no code`);
  check(approvalUrl('https://visits.chu.example', '12345678') === 'https://visits.chu.example/staff#enrol=12345678'
    && approvalUrl('https://h:8443/', '00000001') === 'https://h:8443/staff#enrol=00000001', 'pairing: the console\'s approval address');
  check(enrolCodeOfHash(new URL(approvalUrl('https://h', '87654321')).hash) === '87654321', 'pairing: the console reads the code the QR code carries');
  check(otherLanguage('fr') === 'en' && otherLanguage('en') === 'fr', 'pairing: the sentence in the other language too');
}

/** Every message key the enrolment modules and the pairing screen use (for the message files' check). */
export function enrolMessageKeys() {
  const staff = ['enrolButton', 'mdmButton', 'waitingHeading', 'none', 'unnamed', 'from', 'askedAt', 'key', 'refuse', 'refuseFor',
    'refused', 'enrolHeading', 'enrolIntro', 'code', 'codeHint', 'bed', 'label', 'labelHint', 'approve', 'unknownCode', 'notYourWard',
    'noBeds', 'notAllowed', 'enrolled', 'mdmHeading', 'mdmIntro', 'mdmIssue', 'mdmIssued', 'mdmDownload', 'mdmPassword', 'mdmWarning',
    'mdmCopy', 'mdmCopied', 'mdmEnrolled'].map((k) => `staff.enrolments.${k}`);
  const pair = ['title', 'heading', 'codeLabel', 'instruction', 'qrHint', 'qrLabel', 'validUntil', 'validFor', 'expired', 'noCode']
    .map((k) => `enrol.${k}`);
  return [...staff, ...pair, 'staff.copyFailed'];
}
