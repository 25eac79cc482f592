// Browsers that cannot unfold the search's filters by CSS alone (::details-content) get them opened on a wide screen.
(() => {
  const filters = document.getElementById('filters');
  if (filters && window.matchMedia('(min-width: 48rem)').matches) {
    filters.open = true;
  }
})();
