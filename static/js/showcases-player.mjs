// Consent-first video: the player frame from youtube-nocookie.com is created only when the
// visitor presses play. Without JavaScript the same button submits ?play=1 and the server
// renders the frame, and the "Watch on YouTube" link works either way.

function loadPlayer(container, form) {
  const screen = document.createElement("div");
  screen.className = "kv-player";
  const frame = document.createElement("iframe");
  frame.className = "kv-player__frame";
  frame.src = container.dataset.embedUrl;
  frame.title = `Video: ${container.dataset.title}`;
  frame.width = "640";
  frame.height = "360";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  screen.append(frame);
  form.replaceWith(screen);
  // The player is shorter or taller than the still it replaces: bring all of it into view.
  frame.focus({ preventScroll: true });
  screen.scrollIntoView({ block: "center" });
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
