// The dashboard's filter: typing a date chooses the custom period, so the dates are what the figures answer.
(() => {
  const period = document.getElementById('period');
  for (const id of ['from', 'to']) {
    document.getElementById(id)?.addEventListener('change', () => {
      if (period) {
        period.value = 'custom';
      }
    });
  }
})();
