// Pledge form enhancement: when the technique changes, swap in its "Learn before you start"
// lessons without a page load. Without JavaScript the lessons come from the page itself.
const panel = document.querySelector("[data-pledges-lessons]");
const select = document.querySelector("form #id_activity");
const url = document.querySelector("[data-pledges-lessons-url]")?.dataset.pledgesLessonsUrl;

if (panel && select && url) {
  panel.setAttribute("aria-live", "polite");
  select.addEventListener("change", async () => {
    const query = new URLSearchParams({ activity: select.value });
    try {
      const response = await fetch(`${url}?${query}`, { headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const fragment = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = fragment.querySelector("[data-pledges-lessons]");
      if (fresh) panel.replaceChildren(...fresh.childNodes);
    } catch {
      // The page still works: the lessons shown are those of the technique first chosen.
    }
  });
}
