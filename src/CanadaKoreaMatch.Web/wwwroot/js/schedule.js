// While the scheduler runs, the page asks every two seconds whether it has finished and reloads once it has.
(function () {
  var run = document.querySelector('[data-testid=run][data-running=true]');
  if (!run) { return; }
  function poll() {
    fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : ''; })
      .then(function (html) {
        if (html.indexOf('data-running="true"') >= 0) { window.setTimeout(poll, 2000); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 2000);
})();

// Checks a move as the organiser picks a meeting, a slot and a table, before anything is saved.
(function () {
  var form = document.querySelector('[data-testid=move-form]');
  if (!form) { return; }
  var output = form.querySelector('[data-testid=live-check]');
  function check() {
    var params = new URLSearchParams({
      meetingId: form.elements.MeetingId.value,
      at: form.elements.At.value,
      table: form.elements.Table.value
    });
    fetch(form.dataset.checkUrl + '&' + params.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) {
        output.replaceChildren();
        if (!result) { return; }
        output.className = result.possible ? 'flash' : 'validation-summary-errors';
        if (result.possible) {
          output.textContent = form.dataset.possible.replace('{0}', result.table || '');
          return;
        }
        var list = document.createElement('ul');
        result.conflicts.forEach(function (conflict) {
          var item = document.createElement('li');
          item.textContent = conflict.message;
          list.appendChild(item);
        });
        output.appendChild(list);
      });
  }
  ['MeetingId', 'At', 'Table'].forEach(function (name) {
    form.elements[name].addEventListener('change', check);
  });
})();
