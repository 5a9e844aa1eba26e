// edition: progressive enhancement only. Every page works without this file.
"use strict";

const siteRoot = new URL(document.body.dataset.siteRoot || "./", location.href);

// The view: CSS shows or hides what differs between the views; the choice is remembered, and
// ?view=reading (or diplomatic) in the address chooses it, so a link can carry it.
function setUpReadingView() {
  const radios = document.querySelectorAll('input[name="view"]');
  if (!radios.length) return;
  let wanted = new URLSearchParams(location.search).get("view");
  if (!wanted) {
    try { wanted = localStorage.getItem("edition-view"); } catch (e) { /* storage may be off */ }
  }
  radios.forEach((radio) => {
    if (wanted && radio.value === wanted) radio.checked = true;
    radio.addEventListener("change", () => {
      try { localStorage.setItem("edition-view", radio.value); } catch (e) { /* ignore */ }
      const url = new URL(location.href);
      url.searchParams.set("view", radio.value);
      try { history.replaceState(history.state, "", url); } catch (e) { /* file: URLs may refuse */ }
    });
  });
}

// Search with Pagefind; a hit links to the paragraph that holds it.
function nearestAnchor(data) {
  const first = Math.min(...(data.locations.length ? data.locations : [0]));
  let best = null;
  for (const anchor of data.anchors || []) {
    if (anchor.location > first) break;
    if (/^(p|li|td|dd|span)$/.test(anchor.element) || !best) best = anchor;
  }
  return best ? best.id : "";
}

async function setUpSearch() {
  const form = document.getElementById("search-form");
  if (!form) return;
  document.getElementById("search-no-script").hidden = true;
  if (location.protocol === "file:") {
    document.getElementById("search-file-notice").hidden = false;
    return;
  }
  const status = document.getElementById("search-status");
  let pagefind;
  try {
    // A large edition's index comes in several bundles (pagefind/, pagefind-2/, …), searched as one.
    const [first, ...more] = (form.dataset.bundles || "pagefind").split(" ");
    pagefind = await import(new URL(first + "/pagefind.js", siteRoot).href);
    await pagefind.init();
    for (const bundle of more) await pagefind.mergeIndex(new URL(bundle + "/", siteRoot).pathname);
  } catch (e) {
    status.textContent = "The search index could not be loaded.";
    return;
  }
  form.hidden = false;
  const results = document.getElementById("search-results");
  const facets = JSON.parse(document.getElementById("search-facets").textContent);
  const selects = Array.from(document.querySelectorAll("#search-filters select"));
  const wanted = () => selects.filter((s) => s.value).map((s) => [s.name, s.value]);
  const matches = (values) => wanted().every(([name, value]) => (values[name] || []).includes(value));
  const show = (href, text, excerpt) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = href;
    link.textContent = text;
    item.append(link);
    if (excerpt) {
      const p = document.createElement("p");
      p.innerHTML = excerpt;  // Pagefind escapes the text and adds only <mark>
      item.append(p);
    }
    results.append(item);
  };
  const run = async () => {
    const query = document.getElementById("search-input").value.trim();
    results.replaceChildren();
    if (!query) {  // filters alone: the documents that match them
      const found = wanted().length ? facets.filter(matches) : [];
      found.forEach((d) => show(new URL(d.url, siteRoot).href, d.title, ""));
      status.textContent = wanted().length ? found.length + (found.length === 1 ? " document" : " documents") : "";
      return;
    }
    const search = await pagefind.search(query);
    const items = (await Promise.all(search.results.slice(0, 100).map((r) => r.data())))
      .filter((data) => matches({speaker: (data.meta.speakers || "").split("|"), type: [data.meta.type || ""],
                                 year: [data.meta.year || ""]}));
    status.textContent = items.length + (items.length === 1 ? " result" : " results");
    for (const data of items.slice(0, 30)) {
      const anchor = nearestAnchor(data);
      // Pagefind's URLs already carry the path the site is served under.
      show(new URL(data.url, location.href).href + (anchor ? "#" + anchor : ""),
           data.meta.title + (anchor ? " — " + anchor : ""), data.excerpt);
    }
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { document.getElementById("search-input").value = initial; run(); }
}

setUpReadingView();
setUpSearch();
