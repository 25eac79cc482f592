// The phone menu: without JavaScript a checkbox and its label open the nav; here they become one real button that
// says whether the menu is open (aria-expanded). On a desktop the button is hidden by CSS and the nav always shows.
(() => {
  const toggle = document.getElementById('menu-toggle');
  const label = document.getElementById('menu-button');
  const header = toggle?.closest('.site-header');
  if (!toggle || !label || !header) {
    return;
  }

  const button = document.createElement('button');
  button.type = 'button';
  button.className = label.className;
  button.id = label.id;
  button.setAttribute('aria-controls', 'site-nav');
  // Opened before this script ran (or kept open by the browser's back button): stays open.
  const open = toggle.checked;
  header.classList.toggle('site-header--open', open);
  button.setAttribute('aria-expanded', open ? 'true' : 'false');
  button.append(...label.childNodes);
  toggle.remove();
  label.replaceWith(button);
  button.addEventListener('click', () => {
    const opened = header.classList.toggle('site-header--open');
    button.setAttribute('aria-expanded', opened ? 'true' : 'false');
  });
})();
