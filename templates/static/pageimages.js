/* Page images beside the text (docs/images.md).
 *
 * The build makes each page number whose page has an image a link to it, with the image the page
 * shows in data-page-src. Here, on a wide screen, a pane beside the text shows the page the reader
 * has reached: the last page number above a line 30 % down the window (an IntersectionObserver
 * says when one crosses it). Clicking a page number shows its page in the pane; on a narrow
 * screen, where there is no pane, it opens the image full-width in a dialog. Without this
 * script the page numbers are plain links to the images.
 */
(() => {
  "use strict";
  const pane = document.querySelector(".page-pane");
  const text = document.querySelector(".text-with-pages");
  if (!pane || !text || !("IntersectionObserver" in window)) return;
  const breaks = [...text.querySelectorAll(".tei-pb")].filter((pb) => !pane.contains(pb));
  if (!breaks.length) return;
  const heading = document.querySelector(".document-header h1");
  const title = heading ? heading.textContent.trim() : document.title;
  const wide = window.matchMedia("(min-width: 64rem)");
  const label = (pb) => pb.dataset.pageLabel || (pb.title || "").replace(/^Page (break)?/, "").trim() || "?";
  const altOf = (pb) => `Page ${label(pb)} of ${title}`;

  const make = (tag, props = {}, ...children) => {
    const element = Object.assign(document.createElement(tag), props);
    element.append(...children);
    return element;
  };

  // The pane: the page's image and a caption with a link to the full image.
  const image = make("img", { decoding: "async" });
  const full = make("a", { className: "page-full" }, "Full size");
  const caption = make("figcaption");
  const figure = make("figure", {}, image, caption);
  const none = make("p", { className: "page-none" });
  pane.append(figure, none);
  pane.hidden = false;

  function fill(img, pb) {
    img.src = pb.dataset.pageSrc;
    img.alt = altOf(pb);
    if (pb.dataset.pageWidth && pb.dataset.pageHeight) {
      img.width = Number(pb.dataset.pageWidth);  // reserves the image's place while it loads
      img.height = Number(pb.dataset.pageHeight);
    } else {
      img.removeAttribute("width");
      img.removeAttribute("height");
    }
  }

  let current = null;
  function show(pb) {
    if (!pb || pb === current) return;
    current = pb;
    for (const other of breaks) other.classList.toggle("page-current", other === pb);
    const hasImage = Boolean(pb.dataset.pageSrc);
    figure.hidden = !hasImage;
    none.hidden = hasImage;
    if (hasImage) {
      fill(image, pb);
      full.href = pb.href;
      caption.replaceChildren(`Page ${label(pb)} · `, full);
    } else {
      none.textContent = `No image of page ${label(pb)}.`;
    }
  }

  // The page reached: the last page number (shown in the current view) above the reading line; at
  // the end of the document, where the last pages can no longer scroll up to it, the last one on screen.
  const shown = () => breaks.filter((pb) => pb.offsetParent !== null);
  const end = document.querySelector(".site-footer");
  let atEnd = false;
  function follow() {
    if (!wide.matches) return;
    const line = window.innerHeight * (atEnd && window.scrollY > 0 ? 1 : 0.3);
    const visible = shown();
    let reached = visible[0];
    for (const pb of visible) if (pb.getBoundingClientRect().top <= line) reached = pb;
    show(reached);
  }
  const observer = new IntersectionObserver(follow, { rootMargin: "0px 0px -70% 0px" });
  breaks.forEach((pb) => observer.observe(pb));
  if (end) {
    new IntersectionObserver((entries) => {
      atEnd = entries[entries.length - 1].intersectionRatio > 0.99;
      follow();
    }, { threshold: [0, 1] }).observe(end);
  }
  wide.addEventListener("change", follow);
  document.addEventListener("change", (event) => {  // the reading view hides or shows page numbers
    if (event.target instanceof HTMLInputElement && event.target.name === "view") follow();
  });
  follow();

  // On a narrow screen: the page's image full-width, in a dialog with a close button.
  const dialogImage = make("img", { decoding: "async" });
  const dialogHeading = make("h2", { id: "page-dialog-heading" });
  const dialogFull = make("a", { className: "page-full" }, "Full size");
  const close = make("button", { type: "button" }, "Close");
  const dialog = make("dialog", { className: "page-dialog" }, dialogHeading, dialogImage,
    make("p", { className: "page-dialog-actions" }, dialogFull, " ", close));
  dialog.setAttribute("aria-labelledby", dialogHeading.id);
  document.body.append(dialog);
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });  // the backdrop

  text.addEventListener("click", (event) => {
    const pb = event.target instanceof Element ? event.target.closest("a.tei-pb[data-page-src]") : null;
    if (!pb || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();  // a new tab or window, asked for, still opens the image itself
    if (wide.matches) {
      show(pb);
      return;
    }
    dialogHeading.textContent = `Page ${label(pb)}`;
    fill(dialogImage, pb);
    dialogFull.href = pb.href;
    dialog.showModal();
    close.focus();
  });
})();
