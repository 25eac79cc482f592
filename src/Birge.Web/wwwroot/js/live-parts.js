// Parts of a page that keep themselves fresh without reloading it (the call-out board and its check-in screen), so
// nothing flashes and a screen reader keeps its place: every few seconds the page is fetched again and each element
// with data-refresh-seconds gets the children of the element with its id in the fresh page. A round waits while
// someone works inside a part (a focused field or button keeps its place and what was typed). Without JavaScript, the
// page's <noscript> refresh reloads it instead.
(() => {
  const parts = [...document.querySelectorAll('[data-refresh-seconds][id]')];
  if (parts.length === 0) {
    return;
  }

  const refresh = async () => {
    const focused = document.activeElement;
    if (focused && focused !== document.body && parts.some(part => part.contains(focused))) {
      return;
    }

    try {
      const response = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) {
        return;
      }

      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
      for (const part of parts) {
        const next = fresh.getElementById(part.id);
        if (next) {
          part.replaceChildren(...next.childNodes);
        }
      }
    } catch {
      // The network dropped for a moment: the next round tries again.
    }
  };
  setInterval(refresh, Number(parts[0].dataset.refreshSeconds) * 1000);
})();
