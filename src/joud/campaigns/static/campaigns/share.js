// The initiative page's "Copy link" button: the clipboard, or a selected text field where the
// browser refuses the clipboard (plain HTTP, older phones).
(() => {
  "use strict";
  const button = document.getElementById("copy-link");
  if (!button) return;
  button.addEventListener("click", async () => {
    const url = button.dataset.copy;
    try {
      await navigator.clipboard.writeText(url);
    } catch (err) {
      const field = document.createElement("textarea");
      field.value = url;
      document.body.appendChild(field);
      field.select();
      document.execCommand("copy");
      field.remove();
    }
    document.getElementById("copy-done").hidden = false;
  });
})();
