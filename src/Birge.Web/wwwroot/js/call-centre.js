// The new-call form finds a repeat caller as soon as the operator leaves the phone field: it sends the same POST as
// the "find caller" button, in the background, and takes from the answer the caller's requests, the possible
// duplicates and the fields filled from the latest request, leaving alone whatever the operator typed meanwhile.
// Without JavaScript the button does the same with a reload.
(() => {
  const form = document.getElementById('call-form');
  const phone = document.getElementById('Input_Phone');
  const find = document.getElementById('find-caller');
  if (!form || !phone || !find) {
    return;
  }

  // Enter in the phone field finds the caller (the form's first button); anywhere else it logs the call.
  const log = document.getElementById('log-call');
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && log && event.target instanceof HTMLInputElement && event.target !== phone
        && event.target.type !== 'checkbox') {
      event.preventDefault();
      form.requestSubmit(log);
    }
  });

  const filled = ['Input_Name', 'Input_Address', 'Input_Locality'];
  const chosen = ['Input_RegionKato', 'Input_Language'];
  let asked = phone.value.trim();

  phone.addEventListener('blur', async () => {
    const value = phone.value.trim();
    if (value === '' || value === asked) {
      return;
    }

    asked = value;
    try {
      const response = await fetch(find.formAction, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
      if (!response.ok) {
        return;
      }

      const answer = new DOMParser().parseFromString(await response.text(), 'text/html');
      const caller = answer.getElementById('caller-requests');
      for (const id of ['caller', 'duplicates']) {
        const fresh = answer.getElementById(id);
        if (fresh) {
          document.getElementById(id).replaceChildren(...fresh.childNodes);
        }
      }

      const seen = answer.querySelector('input[name="DuplicatesSeen"]');
      if (seen) {
        form.querySelector('input[name="DuplicatesSeen"]').value = seen.value;
      }

      if (!caller) {
        return;
      }

      for (const id of filled) {
        const mine = document.getElementById(id);
        const theirs = answer.getElementById(id);
        if (mine && theirs && mine.value.trim() === '') {
          mine.value = theirs.value;
        }
      }

      for (const id of chosen) {
        const mine = document.getElementById(id);
        const theirs = answer.getElementById(id);
        if (mine && theirs && theirs.value) {
          mine.value = theirs.value;
        }
      }
    } catch {
      // No network: the "find caller" button still works.
    }
  });
})();
