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

// The witness switch (apparatus.xsl): CSS shows the text as the chosen witness reads it; ?wit=B in
// the address chooses it, so a link to witness B's text can be cited.
function setUpWitnessSwitch() {
  const select = document.querySelector("select.wit-select");
  if (!select) return;
  const wanted = new URLSearchParams(location.search).get("wit");
  if (wanted && Array.from(select.options).some((option) => option.value === wanted)) select.value = wanted;
  select.addEventListener("change", () => {
    const url = new URL(location.href);
    if (select.value) url.searchParams.set("wit", select.value); else url.searchParams.delete("wit");
    try { history.replaceState(history.state, "", url); } catch (e) { /* file: URLs may refuse */ }
  });
}

// The apparatus beside the text (a wide screen, edition.css): as the reader goes down the text, the
// column shows the entries of the markers in view, the first of them marked.
function setUpApparatusBeside() {
  const apparatus = document.querySelector(".tei-text > .apparatus");
  if (!apparatus || !("IntersectionObserver" in window)) return;
  const beside = () => getComputedStyle(apparatus).position === "sticky";
  const visible = new Set();
  let current = null;
  const follow = () => {
    if (!beside() || !visible.size) return;
    const first = Array.from(visible).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
    const entry = document.getElementById(first.getAttribute("href").slice(1));
    if (!entry || entry === current) return;
    if (current) current.classList.remove("app-current");
    entry.classList.add("app-current");
    current = entry;
    const top = entry.getBoundingClientRect().top - apparatus.getBoundingClientRect().top;
    if (top < 0 || top > apparatus.clientHeight - entry.offsetHeight) apparatus.scrollTop += top - apparatus.clientHeight / 4;
  };
  const observer = new IntersectionObserver((changes) => {
    changes.forEach((change) => change.isIntersecting ? visible.add(change.target) : visible.delete(change.target));
    follow();
  });
  document.querySelectorAll(".tei-text a.app-ref[href^='#']").forEach((marker) => observer.observe(marker));
}

// Parallel texts (an original and its translations, two records of one event): the switch shows
// one alone or several side by side. ?text=original (or a translation's language, "original en",
// or all) in the address chooses it, else the reader's last choice; on a narrow screen, one alone;
// else the block's default (data-parallel-default: the original and its first translation), else all.
function setUpParallelTexts() {
  const blocks = document.querySelectorAll("[data-parallel]");
  if (!blocks.length) return;
  const asked = new URLSearchParams(location.search).get("text");
  let wanted = asked;
  if (!wanted) {
    try { wanted = localStorage.getItem("edition-text"); } catch (e) { /* storage may be off */ }
  }
  const narrow = !wanted && window.matchMedia("(max-width: 48rem)").matches;
  const show = (block, wanted) => {
    const radios = Array.from(block.querySelectorAll(".parallel-switch input"));
    const choice = (wanted || "").trim().split(/[\s+,]+/).join(" ");  // "original+en" as a link may write it
    // A link may ask for every text at once (?text=all), though the switch offers pairs only.
    const offered = radios.some((radio) => radio.value === choice) || (choice === "all" && asked === "all");
    const chosen = offered ? choice : block.dataset.parallelDefault || "all";
    const sides = chosen.split(" ");
    let shown = 0;  // the columns shown take the grid's first places, whichever they are
    block.querySelectorAll(".parallel-column").forEach((column) => {
      column.hidden = chosen !== "all" && !sides.includes(column.dataset.side);
      if (!column.hidden) column.style.setProperty("--column", ++shown);
    });
    const grid = block.querySelector(".parallel-grid");
    grid.style.setProperty("--columns", shown);
    grid.classList.toggle("parallel-one", shown === 1);
    radios.forEach((radio) => { radio.checked = radio.value === chosen; });
  };
  blocks.forEach((block) => {
    const fieldset = block.querySelector(".parallel-switch");
    if (!fieldset) return;
    fieldset.hidden = false;
    const first = block.querySelector(".parallel-column");
    show(block, wanted || (narrow && first ? first.dataset.side : ""));  // a phone: the first text alone
    fieldset.querySelectorAll("input").forEach((radio) => radio.addEventListener("change", () => {
      blocks.forEach((other) => show(other, radio.value));
      try { localStorage.setItem("edition-text", radio.value); } catch (e) { /* ignore */ }
      const url = new URL(location.href);
      url.searchParams.set("text", radio.value);
      try { history.replaceState(history.state, "", url); } catch (e) { /* file: URLs may refuse */ }
    }));
  });
  // A link to an anchor inside a hidden text shows that text.
  const reveal = () => {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const column = target && target.closest(".parallel-column[hidden]");
    if (column) { show(column.closest("[data-parallel]"), column.dataset.side); target.scrollIntoView(); }
  };
  window.addEventListener("hashchange", reveal);
  reveal();
}

// Sortable tables (the home page's documents, the registers): a button in each column heading
// sorts by the cell's data-value, else its text; numbers in order (2 before 10).
function setUpSortableTables() {
  document.querySelectorAll("table.sortable").forEach((table) => {
    const body = table.tBodies[0];
    const headers = Array.from(table.querySelectorAll("thead th"));
    headers.forEach((header, column) => {
      const button = header.querySelector("button");
      if (!button) return;
      button.addEventListener("click", () => {
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach((h) => h.removeAttribute("aria-sort"));
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const value = (row) => row.cells[column].dataset.value || row.cells[column].textContent.trim();
        Array.from(body.rows).sort((a, b) => value(a).localeCompare(value(b), undefined, { numeric: true })
          * (ascending ? 1 : -1)).forEach((row) => body.append(row));
      });
    });
  });
}

// Search with Pagefind, over every bundle of the index (pagefind/, pagefind-2/, …): each
// document found, with every paragraph that holds the words, each linking to its anchor.
const BLOCKS = /^(p|li|td|th|dd|dt|div|section|blockquote|h[1-6]|figure|pre)$/;
const DOCUMENTS_SHOWN = 20;

// Case and accents do not count: "Ökonomie" finds "okonomie".
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

// Pagefind answers a word it does not hold with words that merely share a few letters
// ("Gorbachov" → "going"); a hit counts only when its word shares most of the query word.
function resembles(word, term) {
  return fold(word).startsWith(term.slice(0, Math.max(3, Math.ceil(term.length * 0.6))));
}

// The paragraphs (anchored blocks) holding the query's words, each with its matched word positions.
function paragraphsOf(data, terms) {
  const words = data.content.split(/[\r\n\s]+/g);
  const blocks = (data.anchors || []).filter((a) => BLOCKS.test(a.element)).sort((a, b) => a.location - b.location);
  const groups = new Map();
  for (const location of [...data.locations].sort((a, b) => a - b)) {
    const term = terms.find((t) => resembles(words[location] || "", t));
    if (!term) continue;
    let index = -1;
    while (index + 1 < blocks.length && blocks[index + 1].location <= location) index += 1;
    const block = blocks[index];
    const key = block ? block.id : "";
    if (!groups.has(key)) {
      const end = index + 1 < blocks.length ? blocks[index + 1].location : words.length;
      groups.set(key, {anchor: key, start: block ? block.location : 0, end, locations: [], terms: new Set()});
    }
    groups.get(key).locations.push(location);
    groups.get(key).terms.add(term);
  }
  const found = [...groups.values()];
  const wanted = new Set(terms).size;
  const complete = found.filter((g) => g.terms.size === wanted);  // every word of the query, as Pagefind asks of a page
  return {words, paragraphs: complete.length ? complete : found};
}

// A few words around the paragraph's first hit, the hits marked (text nodes: nothing is parsed as HTML).
function excerpt(words, paragraph) {
  const first = paragraph.locations[0];
  const from = Math.max(paragraph.start, first - 12), to = Math.min(paragraph.end, first + 24);
  const hits = new Set(paragraph.locations);
  const p = document.createElement("p");
  if (from > paragraph.start) p.append("… ");
  for (let i = from; i < to; i += 1) {
    if (hits.has(i)) {
      const mark = document.createElement("mark");
      mark.textContent = words[i];
      p.append(mark);
    } else p.append(words[i]);
    if (i + 1 < to) p.append(" ");
  }
  if (to < paragraph.end) p.append(" …");
  return p;
}

// "Did you mean": the index's own words (each bundle's words.txt) nearest to a word not found.
function distance(a, b) {
  let previous = Array.from({length: b.length + 1}, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

async function loadWords(bundles) {
  const counts = new Map();
  await Promise.all(bundles.map(async (bundle) => {
    try {
      const response = await fetch(new URL(bundle + "/words.txt", siteRoot));
      if (!response.ok) return;
      for (const line of (await response.text()).split("\n")) {
        const [word, count] = line.split("\t");
        if (word) counts.set(word, (counts.get(word) || 0) + Number(count || 1));
      }
    } catch (e) { /* a bundle without words suggests nothing */ }
  }));
  return counts;
}

function suggestion(term, words) {
  const folded = fold(term);
  let best = null;
  for (const [word, count] of words) {
    const key = fold(word);
    if (Math.abs(key.length - folded.length) > 2 || key === folded) continue;
    const d = distance(key, folded);
    if (d <= Math.max(1, Math.floor(folded.length / 4)) && (!best || d < best.d || (d === best.d && count > best.count))) {
      best = {word, d, count};
    }
  }
  return best ? best.word : "";
}

// Loads the first bundle (it carries Pagefind's scripts), then every other in parallel. A bundle that
// cannot be fetched is left out and reported; the others are searched.
async function loadIndex(bundles) {
  const [first, ...more] = bundles;
  const pagefind = await import(new URL(first + "/pagefind.js", siteRoot).href);
  await pagefind.options({excerptLength: 30});
  await pagefind.init();
  const missing = (await Promise.all(more.map(async (bundle) => {
    const url = new URL(bundle + "/", siteRoot);
    try {
      const entry = await fetch(new URL("pagefind-entry.json", url));
      if (!entry.ok) return bundle;
      await pagefind.mergeIndex(url.pathname);
      return null;
    } catch (e) {
      return bundle;
    }
  }))).filter(Boolean);
  return {pagefind, missing};
}

// `edition serve` puts a page live before its search index catches up, and says so in this file
// until it has. Asked only under `edition serve`, whose script says it is there: a published
// site has no such file, and asking would log a failed request on every search.
async function watchIndexStatus(notice) {
  try {
    const answer = await fetch("search-status.json", {cache: "no-store"});
    const status = answer.ok ? await answer.json() : {};
    // Done, and the index could not be loaded while it was being made (a first build): load it now.
    if (!notice.hidden && !status.updating && document.getElementById("search-form").hidden) location.reload();
    notice.hidden = !status.updating;
    if (status.updating) setTimeout(() => watchIndexStatus(notice), 1000);
  } catch (e) {
    notice.hidden = true;
  }
}

async function setUpSearch() {
  const form = document.getElementById("search-form");
  if (!form) return;
  document.getElementById("search-no-script").hidden = true;
  if (location.protocol === "file:") {
    document.getElementById("search-file-notice").hidden = false;
    return;
  }
  if (window.editionServe) watchIndexStatus(document.getElementById("search-updating"));
  const status = document.getElementById("search-status");
  const warning = document.getElementById("search-warning");
  const bundles = (form.dataset.bundles || "pagefind").split(" ");
  let pagefind;
  try {
    const loaded = await loadIndex(bundles);
    pagefind = loaded.pagefind;
    if (loaded.missing.length) {
      warning.textContent = `Part of the search index could not be loaded (${loaded.missing.length} of ` +
        `${bundles.length} parts): some documents may be missing from the results.`;
      warning.hidden = false;
    }
  } catch (e) {
    status.textContent = "The search index could not be loaded.";
    return;
  }
  form.hidden = false;
  const input = document.getElementById("search-input");
  const results = document.getElementById("search-results");
  const facets = JSON.parse(document.getElementById("search-facets").textContent);  // per document: url, title, filter values
  const byPath = new Map(facets.map((d) => [new URL(d.url, siteRoot).pathname, d]));
  const selects = Array.from(document.querySelectorAll("#search-filters select"));
  const wanted = () => selects.filter((s) => s.value).map((s) => [s.name, s.value]);
  const matches = (d) => !!d && wanted().every(([name, value]) => (d[name] || []).includes(value));
  let words = null;  // the index's words, fetched on the first search that finds nothing
  let shown = 0, pending = [], terms = [];

  const documentItem = (href, title) => {
    const item = document.createElement("li");
    item.className = "search-document";
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = href;
    link.textContent = title;
    heading.append(link);
    item.append(heading);
    results.append(item);
    return item;
  };
  const showDocument = (data) => {
    const {words: text, paragraphs} = paragraphsOf(data, terms);
    if (!paragraphs.length) return 0;
    const url = new URL(data.url, location.href).href;  // Pagefind's URLs carry the path the site is served under
    const item = documentItem(url, data.meta.title);
    const count = document.createElement("p");
    count.className = "search-count";
    count.textContent = paragraphs.length === 1 ? "1 paragraph" : `${paragraphs.length} paragraphs`;
    item.append(count);
    const list = document.createElement("ol");
    list.className = "search-paragraphs";
    for (const paragraph of paragraphs) {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = url + (paragraph.anchor ? "#" + paragraph.anchor : "");
      link.textContent = paragraph.anchor ? "§ " + paragraph.anchor : "Title and persons named";
      entry.append(link, excerpt(text, paragraph));
      list.append(entry);
    }
    item.append(list);
    return paragraphs.length;
  };
  const more = document.createElement("button");
  more.type = "button";
  more.id = "search-more";
  more.textContent = "More documents";
  more.hidden = true;
  results.after(more);

  // Results come in batches; those the filters or the confidence check drop do not count.
  let documents = 0, paragraphsFound = 0;
  const showMore = async () => {
    let added = 0;
    while (pending.length && added < DOCUMENTS_SHOWN) {
      const batch = pending.splice(0, DOCUMENTS_SHOWN);
      for (const data of await Promise.all(batch.map((r) => r.data()))) {
        if (wanted().length && !matches(byPath.get(new URL(data.url, location.href).pathname))) continue;
        const found = showDocument(data);
        if (found) { added += 1; documents += 1; paragraphsFound += found; }
      }
    }
    more.hidden = !pending.length;
    shown += added;
  };
  const say = (text) => { status.textContent = text; };
  const didYouMean = async (query) => {
    words = words || await loadWords(bundles);
    const better = query.split(/\s+/).map((w) => suggestion(w, words) || w).join(" ");
    if (fold(better) === fold(query)) { say(`No results for “${query}”.`); return; }
    say(`No results for “${query}”. Did you mean `);
    const link = document.createElement("a");
    link.href = "?q=" + encodeURIComponent(better);
    link.textContent = better;
    link.addEventListener("click", (event) => { event.preventDefault(); input.value = better; run(); });
    status.append(link, "?");
  };
  const run = async () => {
    const query = input.value.trim();
    results.replaceChildren();
    more.hidden = true;
    documents = paragraphsFound = shown = 0;
    const url = new URL(location.href);
    url.searchParams.set("q", query);
    try { history.replaceState(history.state, "", url); } catch (e) { /* ignore */ }
    if (!query) {  // filters alone: the documents that match them
      const found = wanted().length ? facets.filter(matches) : [];
      found.forEach((d) => documentItem(new URL(d.url, siteRoot).href, d.title));
      say(wanted().length ? found.length + (found.length === 1 ? " document" : " documents") : "");
      return;
    }
    say("Searching…");
    terms = query.split(/\s+/).map(fold).filter(Boolean);
    pending = (await pagefind.search(query)).results;
    await showMore();
    if (!documents) {
      if (wanted().length) say(`No results for “${query}” with these filters.`);
      else await didYouMean(query);
      return;
    }
    say(`${documents}${pending.length ? "+" : ""} ${documents === 1 ? "document" : "documents"}, ` +
        `${paragraphsFound} ${paragraphsFound === 1 ? "paragraph" : "paragraphs"}`);
  };
  more.addEventListener("click", async () => {
    await showMore();
    say(`${documents}${pending.length ? "+" : ""} documents, ${paragraphsFound} paragraphs`);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
}

// Find in this document: every visible occurrence marked, the current one scrolled to; over the
// page's own text, in the view shown (words hidden by the other view are not counted).
function setUpFindInDocument() {
  const article = document.querySelector("article.document");
  if (!article) return;
  const form = document.createElement("form");
  form.className = "find-in-document";
  form.setAttribute("role", "search");
  form.innerHTML = '<label for="find-input">Find in this document</label> ' +
    '<input type="search" id="find-input" autocomplete="off"> ' +
    '<button type="button" data-step="-1" aria-label="Previous match">↑</button>' +
    '<button type="button" data-step="1" aria-label="Next match">↓</button> ' +
    '<span id="find-status" role="status"></span>';
  const after = article.querySelector(".reading-view") || article.querySelector("header");
  if (after) after.after(form); else article.prepend(form);
  const input = form.querySelector("input");
  const status = form.querySelector("#find-status");
  let hits = [], current = -1;  // one list of marks per match (a match may span elements)

  const clear = () => {
    for (const mark of hits.flat()) {
      const parent = mark.parentNode;
      mark.replaceWith(...mark.childNodes);
      parent.normalize();
    }
    hits = [];
    current = -1;
  };
  const textNodes = () => {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {acceptNode(node) {
      const parent = node.parentElement;
      if (!parent || form.contains(parent) || parent.closest("script, style, dialog, nav")) return NodeFilter.FILTER_REJECT;
      return !parent.checkVisibility || parent.checkVisibility() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    }});
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  };
  const go = (step) => {
    if (!hits.length) return;
    (hits[current] || []).forEach((mark) => mark.classList.remove("find-current"));
    current = (current + step + hits.length) % hits.length;
    hits[current].forEach((mark) => mark.classList.add("find-current"));
    hits[current][0].scrollIntoView({block: "center"});
    status.textContent = `${current + 1} of ${hits.length}`;
  };
  const find = () => {
    clear();
    const query = input.value.trim();
    if (!query) { status.textContent = ""; return; }
    // One text across the nodes, so that words split by markup ("cruise <b>missiles</b>") are found.
    const nodes = textNodes();
    const starts = [];
    let text = "";
    for (const node of nodes) { starts.push(text.length); text += node.data; }
    const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"), "giu");
    const found = [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]).filter(([a, b]) => b > a);
    const pieces = [];  // [node index, start, end, match index], marked from the last, so offsets stay true
    found.forEach(([from, to], match) => {
      nodes.forEach((node, i) => {
        const a = Math.max(from, starts[i]), b = Math.min(to, starts[i] + node.data.length);
        if (a < b) pieces.push([i, a - starts[i], b - starts[i], match]);
      });
    });
    const byMatch = found.map(() => []);
    for (const [i, a, b, match] of pieces.reverse()) {
      const range = document.createRange();
      range.setStart(nodes[i], a);
      range.setEnd(nodes[i], b);
      const mark = document.createElement("mark");
      mark.className = "find-hit";
      range.surroundContents(mark);
      byMatch[match].unshift(mark);
    }
    hits = byMatch.filter((group) => group.length);
    if (!hits.length) { status.textContent = "Not found"; return; }
    go(1);
  };
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(find, 150); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); go(event.shiftKey ? -1 : 1); }
    if (event.key === "Escape") { input.value = ""; find(); }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.querySelectorAll("button").forEach((b) => b.addEventListener("click", () => go(Number(b.dataset.step))));
  document.querySelectorAll('input[name="view"]').forEach((r) => r.addEventListener("change", find));
  const initial = new URLSearchParams(location.search).get("find");
  if (initial) { input.value = initial; find(); }
}

setUpReadingView();
setUpWitnessSwitch();
setUpApparatusBeside();
setUpParallelTexts();
setUpSortableTables();
setUpSearch();
setUpFindInDocument();
