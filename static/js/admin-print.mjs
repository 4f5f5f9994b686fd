// The attendance list's Print button: shown only when this script runs (Ctrl+P always works).
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
