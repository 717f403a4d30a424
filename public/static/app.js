// Progressive enhancement only: every page works without this file.
document.querySelectorAll('select[data-autosubmit]').forEach((el) => {
  el.addEventListener('change', () => el.form && el.form.requestSubmit());
});
