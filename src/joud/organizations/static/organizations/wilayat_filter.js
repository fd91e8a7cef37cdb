// Offer only the wilayats of the chosen governorate (the server checks the pair again).
(() => {
  "use strict";
  const gov = document.querySelector("select[name=governorate]");
  const wil = document.querySelector("select[name=wilayat]");
  if (!gov || !wil) return;
  const sync = () => {
    for (const option of wil.options) {
      if (!option.dataset.governorate) continue;
      const show = !gov.value || option.dataset.governorate === gov.value;
      option.hidden = !show;
      option.disabled = !show;
    }
    if (wil.selectedOptions[0] && wil.selectedOptions[0].disabled) wil.value = "";
  };
  gov.addEventListener("change", sync);
  sync();
})();
