// News posts in the admin: show the body as the site will render it, as the organiser types.
// The server renders and sanitises (the same code as the public page); we only place the HTML.
(function () {
  "use strict";
  function start() {
    var body = document.querySelector("[data-news-body]");
    var preview = document.querySelector("[data-news-preview]");
    if (!body || !preview) return;
    var target = preview.querySelector("[data-news-preview-body]");
    var button = preview.querySelector("[data-news-preview-button]");
    var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;

    function update() {
      var data = new FormData();
      data.append("body", body.value);
      fetch(preview.dataset.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf ? csrf.value : "" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          target.innerHTML = html;
        })
        .catch(function () {
          target.textContent = "The preview could not be updated. Save the post to see it.";
        });
    }

    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 400);
    });
    button.addEventListener("click", update);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
