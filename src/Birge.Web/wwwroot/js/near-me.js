// "Near me" on the search: with the person's leave, fills the point from the browser's location and searches. Without
// JavaScript, or where the browser cannot locate, the button stays hidden and the point can be typed as before.
(() => {
  // Browsers that cannot unfold the filters by CSS alone get them opened here on a wide screen.
  const filters = document.getElementById('filters');
  if (filters && window.matchMedia('(min-width: 48rem)').matches) {
    filters.open = true;
  }

  const button = document.getElementById('near-me');
  const status = document.getElementById('near-me-status');
  const latitude = document.getElementById('lat');
  const longitude = document.getElementById('lon');
  if (!button || !status || !latitude || !longitude || !('geolocation' in navigator)) {
    return;
  }

  button.hidden = false;
  button.addEventListener('click', () => {
    status.textContent = button.dataset.locating;
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        latitude.value = position.coords.latitude.toFixed(5);
        longitude.value = position.coords.longitude.toFixed(5);
        button.form.requestSubmit();
      },
      () => {
        status.textContent = button.dataset.failed;
        button.disabled = false;
      },
      { timeout: 15000, maximumAge: 300000 });
  });
})();
