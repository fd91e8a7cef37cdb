// Joud's small behaviours, switched on by data-attributes: pages carry no inline code (the
// Content-Security-Policy refuses it), so every page loads this one file instead.
(() => {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (a <noscript> button stays).
  document.addEventListener("change", (event) => {
    const field = event.target.closest("[data-autosubmit]");
    if (!field || !field.form) return;
    if (field.form.requestSubmit) field.form.requestSubmit();
    else field.form.submit();
  });

  document.addEventListener("click", (event) => {
    // <input data-select-all>: one tap selects the whole link, ready to copy.
    const selectable = event.target.closest("[data-select-all]");
    if (selectable && selectable.select) selectable.select();
    // <a data-history-back href="/">: back to the page before, or to the link's address.
    const back = event.target.closest("[data-history-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
