/* epaper 数字报: page view and article page behaviour.  Works from file:// and without
   this script (the links and the image map do the navigation). */
(function () {
  'use strict';

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* An article's region and its line in the list of the page light up together. */
  function mark(article, on) {
    all('[data-article]').forEach(function (el) {
      if (el.getAttribute('data-article') === article) el.classList.toggle('hover', on);
    });
  }
  all('.regions .region, .toc li').forEach(function (el) {
    var article = el.getAttribute('data-article');
    el.addEventListener('mouseenter', function () { mark(article, true); });
    el.addEventListener('mouseleave', function () { mark(article, false); });
    el.addEventListener('focusin', function () { mark(article, true); });
    el.addEventListener('focusout', function () { mark(article, false); });
  });

  /* page-01.html#a-ID: highlight the article's region and bring it into view. */
  function showTarget() {
    all('.regions .active, .toc .active').forEach(function (el) {
      el.classList.remove('active');
    });
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el || !el.closest || !el.closest('.regions')) return;
    el.classList.add('active');
    var article = el.getAttribute('data-article');
    all('.toc li').forEach(function (li) {
      if (li.getAttribute('data-article') === article) li.classList.add('active');
    });
    var box = el.getBoundingClientRect();
    var top = window.pageYOffset + box.top - Math.max(16, (window.innerHeight - box.height) / 2);
    window.scrollTo(0, Math.max(0, top));
  }
  window.addEventListener('hashchange', showTarget);
  if (document.readyState === 'complete') showTarget();
  else window.addEventListener('load', showTarget);

  /* 放大版面: the page at twice the width, scrolled in its frame. */
  var zoom = document.querySelector('.sheet-tools .zoom');
  var pane = document.querySelector('.sheet-pane');
  if (zoom && pane) {
    zoom.hidden = false;
    var sheetImg = pane.querySelector('.sheet img');
    var sizes = sheetImg && sheetImg.getAttribute('sizes');
    zoom.addEventListener('click', function () {
      var on = pane.classList.toggle('zoomed');
      /* the high-resolution image once the page is shown larger */
      if (sheetImg) sheetImg.setAttribute('sizes', on ? sheetImg.clientWidth + 'px' : sizes);
      zoom.setAttribute('aria-pressed', on ? 'true' : 'false');
      zoom.textContent = on ? '还原版面' : '放大版面';
    });
  }

  /* ← → turn the pages (or go to the previous and next article). */
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var tag = (event.target && event.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    var rel = event.key === 'ArrowLeft' ? 'prev' : event.key === 'ArrowRight' ? 'next' : '';
    var link = rel && document.querySelector('a[rel="' + rel + '"]');
    if (link) { window.location.href = link.href; }
  });

  /* The image map's areas follow the image's size where the map is used. */
  var img = document.querySelector('.sheet img[usemap]');
  var areas = all('map area');
  function scaleMap() {
    if (!img || !img.clientWidth) return;
    var k = img.clientWidth / img.getAttribute('width');
    areas.forEach(function (area) {
      var base = area.getAttribute('data-coords') || area.getAttribute('coords');
      area.setAttribute('data-coords', base);
      area.setAttribute('coords', base.split(',').map(function (v) {
        return Math.round(v * k);
      }).join(','));
    });
  }
  if (img && areas.length) {
    window.addEventListener('resize', scaleMap);
    if (img.complete) scaleMap(); else img.addEventListener('load', scaleMap);
  }
})();
