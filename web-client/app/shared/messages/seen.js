// Marks messages read when the person has seen them: once at least half of a message's element has
// been on the screen while the view is active (shown, the page visible). The conversation then emits
// the ids in a 'read' event (for the transport's `read`). Without IntersectionObserver (an old
// browser), every message shown while the view is active counts as seen.

export class SeenWatcher {
  /**
   * @param {HTMLElement} list whose children are li.message[data-message-id][data-read]
   * @param {import('./conversation.js').Conversation} conversation
   * @param {() => boolean} active whether the person can see the list now
   */
  constructor(list, conversation, active) {
    this._list = list;
    this._conversation = conversation;
    this._active = active;
    const doc = list.ownerDocument;
    this._doc = doc;
    const View = doc.defaultView;
    this._observer = View && View.IntersectionObserver
      ? new View.IntersectionObserver((entries) => this._seen(entries), { threshold: 0.5 })
      : null;
    doc.addEventListener('visibilitychange', () => this.watch()); // seen again when the page comes back
  }

  /** Watches the list's unread messages again (after a draw, or when the view became active). */
  watch() {
    const unread = [...this._list.children].filter((li) => li.dataset.read === 'false');
    if (!this._observer) {
      if (this._canSee()) this._mark(unread.map((li) => li.dataset.messageId));
      return;
    }
    this._observer.disconnect();
    if (!this._active()) return;
    for (const li of unread) this._observer.observe(li);
  }

  _canSee() {
    return this._active() && this._doc.visibilityState !== 'hidden';
  }

  _seen(entries) {
    if (!this._canSee()) return;
    const ids = entries.filter((e) => e.isIntersecting && e.target.dataset.read === 'false')
      .map((e) => e.target.dataset.messageId);
    this._mark(ids);
  }

  _mark(ids) {
    if (ids.length > 0) this._conversation.markRead(ids);
  }
}
