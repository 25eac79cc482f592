// The check-in screen keeps its QR code fresh without reloading the page, so nothing flashes and a screen reader
// keeps its place: every few seconds it fetches the page again and swaps in the part that changes. Without
// JavaScript, the page's <noscript> refresh reloads it instead.
(() => {
  const live = document.getElementById('checkin-live');
  if (!live) {
    return;
  }

  const refresh = async () => {
    try {
      const response = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store' });
      const fresh = response.ok ? new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('checkin-live') : null;
      if (fresh) {
        live.replaceChildren(...fresh.childNodes);
      }
    } catch {
      // The network dropped for a moment: the next round tries again.
    }
  };
  setInterval(refresh, Number(live.dataset.refreshSeconds) * 1000);
})();
