// Consent-first video: the player frame from youtube-nocookie.com is created only when the
// visitor presses play. Without JavaScript the same button submits ?play=1 and the server
// renders the frame, and the "Watch on YouTube" link works either way.

function loadPlayer(container, form) {
  const frame = document.createElement("iframe");
  frame.src = container.dataset.embedUrl;
  frame.title = `Video: ${container.dataset.title}`;
  frame.width = "640";
  frame.height = "360";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  // CSSOM changes are allowed by our style-src policy (inline style attributes are not).
  frame.style.width = "100%";
  frame.style.height = "auto";
  frame.style.aspectRatio = "16 / 9";
  frame.style.border = "0";
  form.replaceWith(frame);
  frame.focus();
}

for (const container of document.querySelectorAll("[data-showcases-player]")) {
  const form = container.querySelector("form");
  if (!form || !container.dataset.embedUrl?.startsWith("https://www.youtube-nocookie.com/")) {
    continue;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    loadPlayer(container, form);
  });
}
