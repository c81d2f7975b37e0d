// The GOV.UK timeout warning. The server ends an idle session after
// data-idle-seconds; this opens the dialog data-warning-seconds before that,
// counts down, keeps the session alive on "Stay signed in", and sends the
// person to the timed-out page when the time is up.
const dialog = document.getElementById('session-timeout');
if (dialog && typeof dialog.showModal === 'function') {
  const idleMs = Number(dialog.dataset.idleSeconds) * 1000;
  const warningMs = Math.min(Number(dialog.dataset.warningSeconds) * 1000, idleMs);
  const countdown = dialog.querySelector('.app-timeout-dialog__countdown');
  const announcement = dialog.querySelector('[data-countdown-announcement]');
  let deadline = 0;
  let warnTimer;
  let tickTimer;
  let returnFocus = null;

  const describe = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds > 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minutes`;
    }
    if (seconds === 60) return '1 minute';
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  };

  const tick = () => {
    const left = deadline - Date.now();
    if (left <= 0) {
      window.location.href = dialog.dataset.timedOutUrl;
      return;
    }
    countdown.textContent = describe(left);
    // Screen readers hear the time left every 20 seconds, not every second.
    const seconds = Math.ceil(left / 1000);
    if (seconds % 20 === 0) announcement.textContent = `We will sign you out in ${describe(left)}.`;
    tickTimer = window.setTimeout(tick, 1000);
  };

  const open = () => {
    returnFocus = document.activeElement;
    countdown.textContent = describe(deadline - Date.now());
    dialog.showModal();
    dialog.querySelector('[data-action="stay"]').focus();
    tick();
  };

  const restart = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(tickTimer);
    deadline = Date.now() + idleMs;
    warnTimer = window.setTimeout(open, idleMs - warningMs);
  };

  const stay = async () => {
    const response = await fetch(dialog.dataset.keepAliveUrl, { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' });
    if (response.status !== 204) {
      window.location.href = dialog.dataset.timedOutUrl;
      return;
    }
    dialog.close();
    if (returnFocus && typeof returnFocus.focus === 'function') returnFocus.focus();
    restart();
  };

  dialog.querySelector('[data-action="stay"]').addEventListener('click', stay);
  // Escape means "stay signed in", as the pattern asks, rather than closing the warning silently.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    stay();
  });
  restart();
}
