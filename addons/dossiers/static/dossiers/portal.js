// The citizen's dossier pages: a print button, and a final submit that cannot be clicked twice.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.matches("[data-submit-once]")) {
    // After the browser has collected the form, so the button still counts as the submitter.
    setTimeout(() => form.querySelectorAll("button").forEach((b) => { b.disabled = true; }), 0);
  }
});
