// "Use my location" on the help form: fills the point's two fields from the phone's location. Without JavaScript, or
// where the browser cannot locate, the button stays hidden and the fields can be typed (or left empty).
(() => {
  const button = document.getElementById('use-location');
  const status = document.getElementById('location-status');
  const latitude = document.getElementById('Input_Latitude');
  const longitude = document.getElementById('Input_Longitude');
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
        status.textContent = button.dataset.found;
        button.disabled = false;
      },
      () => {
        status.textContent = button.dataset.failed;
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
