// Progressive enhancement: a "Copy the post" button beside each suggested social post.
// Without JavaScript the text is still there to select and copy.
for (const field of document.querySelectorAll("[data-share-text]")) {
  if (!navigator.clipboard || field.dataset.shareReady) continue;
  field.dataset.shareReady = "true";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "nhsuk-button nhsuk-button--secondary nhsuk-button--small";
  button.textContent = "Copy the post";
  const status = document.createElement("p");
  status.className = "nhsuk-body-s";
  status.setAttribute("role", "status");
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = "Copied. Paste it into your post.";
    } catch {
      field.select();
      status.textContent = "Your browser did not let us copy: the text is selected, copy it yourself.";
    }
  });
  field.closest(".nhsuk-form-group").after(button, status);
}
