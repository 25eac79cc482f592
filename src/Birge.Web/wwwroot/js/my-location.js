// "Use my location" / "Near me": a button with data-latitude and data-longitude (the ids of the point's two fields)
// and data-status (the id of its live status) fills the point from the browser's location, with the person's leave;
// with data-submit it then submits its form (the search), else it says data-found (the help form). Without
// JavaScript, or where the browser cannot locate, the button stays hidden and the point can be typed as before.
(() => {
  if (!('geolocation' in navigator)) {
    return;
  }

  for (const button of document.querySelectorAll('button[data-latitude][data-longitude][data-status]')) {
    const latitude = document.getElementById(button.dataset.latitude);
    const longitude = document.getElementById(button.dataset.longitude);
    const status = document.getElementById(button.dataset.status);
    if (!latitude || !longitude || !status) {
      continue;
    }

    button.hidden = false;
    button.addEventListener('click', () => {
      status.textContent = button.dataset.locating;
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          latitude.value = position.coords.latitude.toFixed(5);
          longitude.value = position.coords.longitude.toFixed(5);
          if ('submit' in button.dataset) {
            button.form.requestSubmit();
            return;
          }

          status.textContent = button.dataset.found;
          button.disabled = false;
        },
        () => {
          status.textContent = button.dataset.failed;
          button.disabled = false;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }
})();
