// What an invite of a visit says in the console, without the DOM: where its latest message stands
// (GET /api/visits/{id}/invites, docs/staff-api.md "Invites and messages") in words, the reason of a
// failure in words (docs/operations/notifications.md, "Retries, and what a failed message looks like"), and which
// of resend, revoke and "copy link" make sense now. The server decides again at each of them.

/** `<invite>.status`. */
export const INVITE_STATUSES = Object.freeze(['pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled', 'not_sent']);
/** A message's `channel`, and a contact's. */
export const MESSAGE_CHANNELS = Object.freeze(['sms', 'email', 'outbox']);
export const CONTACT_CHANNELS = Object.freeze(['sms', 'email', 'none']);
/** A message's `kind`. */
export const MESSAGE_KINDS = Object.freeze(['invite', 'reminder', 'rescheduled', 'cancelled']);
/** The reasons' codes, each with its words `staff.invite.reason.<code>`. */
export const REASON_CODES = Object.freeze([
  'gateway_refused', 'gateway_unavailable', 'gateway_unreachable', 'gateway_timeout', 'gateway_unauthorized',
  'undelivered', 'address_invalid', 'mail_refused', 'mail_unavailable', 'mail_tls_failed', 'mail_sign_in_refused',
  'outbox_unwritable', 'server_stopping', 'visit_over', 'visit_cancelled', 'invite_revoked', 'contact_removed',
  'replaced', 'link_gone', 'no_channel',
]);

/** Visit statuses after which an invite can do nothing any more. */
const OVER = Object.freeze(['completed', 'cancelled', 'no_show']);

/**
 * Where an invite stands, in words: the status of its latest message, by which channel, when, and
 * why when it failed, was cancelled or waits to be tried again.
 *
 * @param {object} invite an `<invite>`
 * @param {(key: string, params?: object) => string} t
 * @param {(epochMs: number) => string} when formats an instant
 */
export function inviteStatusText(invite, t, when) {
  if (invite.revoked) return t('staff.invite.revoked');
  const status = INVITE_STATUSES.includes(invite.status) ? invite.status : 'not_sent';
  if (status === 'not_sent') {
    return t(invite.contact && invite.contact.channel === 'none' ? 'staff.invite.status.noChannel' : 'staff.invite.status.not_sent');
  }
  const retrying = status === 'pending' && Boolean(invite.reason);
  return t(`staff.invite.status.${retrying ? 'retrying' : status}`, {
    channel: t(channelKey(invite.channel)),
    what: t(kindKey(invite.kind)),
    time: invite.at ? when(invite.at) : '',
    reason: invite.reason ? t(reasonKey(invite.reason), { detail: invite.reason.message || invite.reason.code }) : '',
  });
}

/** `staff.invite.channel.<channel>`: "by e-mail", "by text message", "to the outbox". */
export function channelKey(channel) {
  return MESSAGE_CHANNELS.includes(channel) ? `staff.invite.channel.${channel}` : 'staff.invite.channel.unknown';
}

/** `staff.contact.channel.<channel>`: how a contact receives their messages. */
export function contactChannelKey(channel) {
  return CONTACT_CHANNELS.includes(channel) ? `staff.contact.channel.${channel}` : 'staff.contact.channel.none';
}

export function kindKey(kind) {
  return MESSAGE_KINDS.includes(kind) ? `staff.invite.kind.${kind}` : 'staff.invite.kind.invite';
}

/** The reason in words; an unknown code reads as the server's own (English) words. */
export function reasonKey(reason) {
  return reason && REASON_CODES.includes(reason.code) ? `staff.invite.reason.${reason.code}` : 'staff.invite.reason.other';
}

/**
 * What may be done with an invite now: `{resend, revoke, copy}`. Nothing once it is revoked or its
 * visit over; no resend to a contact who receives no messages (they get the link from staff) nor
 * while a message is on its way.
 *
 * @param {object} invite an `<invite>`
 * @param {{status: string, endsAt: number}} visit
 * @param {number} now
 */
export function inviteActions(invite, visit, now) {
  const over = OVER.includes(visit.status) || (Number.isFinite(visit.endsAt) && visit.endsAt <= now);
  const usable = !invite.revoked && !over;
  const channel = invite.contact ? invite.contact.channel : 'none';
  const onItsWay = invite.status === 'pending' || invite.status === 'sending';
  return { resend: usable && channel !== 'none' && !onItsWay, revoke: usable, copy: usable };
}

/** Whether a visit may still be cancelled: not over, not cancelled (the server says `visit_over` otherwise). */
export function canCancel(visit, now) {
  return Boolean(visit) && !OVER.includes(visit.status) && !(Number.isFinite(visit.endsAt) && visit.endsAt <= now);
}
