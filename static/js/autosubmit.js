// Filters that apply as soon as they change (no inline handler: the Content Security Policy
// allows scripts from our own files only). Without JavaScript the <noscript> button submits.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
