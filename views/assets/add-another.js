// The GOV.UK / MoJ "add another" pattern for district rows, as a progressive
// enhancement: "Add another district" adds an empty row in the page instead of
// posting the form back, moves focus to it, and each added row has a "Remove"
// button. Rows are renumbered so labels read District 1, 2, … and ids stay unique.
// Without JavaScript the button posts to the server, which adds the row.
for (const container of document.querySelectorAll('[data-module="app-add-another"]')) {
  const addButton = container.querySelector('button[formaction]');
  const name = container.dataset.fieldName;
  const rows = () => [...container.querySelectorAll('.govuk-form-group')];

  const renumber = () => {
    rows().forEach((row, index) => {
      const input = row.querySelector('input');
      const label = row.querySelector('label');
      input.id = `${name}-${index}`;
      label.htmlFor = input.id;
      label.textContent = `District ${index + 1}`;
      const remove = row.querySelector('.app-add-another__remove');
      if (remove) remove.querySelector('.govuk-visually-hidden').textContent = ` district ${index + 1}`;
    });
  };

  const addRemoveButton = (row) => {
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-top-2 app-add-another__remove';
    remove.append('Remove');
    const hidden = document.createElement('span');
    hidden.className = 'govuk-visually-hidden';
    remove.append(hidden);
    remove.addEventListener('click', () => {
      const index = rows().indexOf(row);
      row.remove();
      renumber();
      const all = rows();
      all[Math.min(index, all.length - 1)].querySelector('input').focus();
    });
    row.append(remove);
  };

  if (addButton && name) {
    addButton.addEventListener('click', (event) => {
      event.preventDefault();
      const last = rows().at(-1);
      const row = last.cloneNode(true);
      row.classList.remove('govuk-form-group--error');
      row.querySelectorAll('.govuk-error-message, .app-add-another__remove').forEach((element) => element.remove());
      const input = row.querySelector('input');
      input.value = '';
      input.classList.remove('govuk-input--error');
      input.removeAttribute('aria-describedby');
      addRemoveButton(row);
      last.after(row);
      renumber();
      input.focus();
    });
  }
}
