"""The overlay page OBS shows as a browser source: one self-contained HTML file.

What OBS users hit, handled on purpose:
- transparent under OBS's default custom CSS (`body { background-color: rgba(0,0,0,0);
  margin: 0px auto; overflow: hidden; }`): the page never paints html/body, only its panel;
- it never shows a frozen stale value: on a lost stream (error, or no message for
  STALE_MS, the server pings every second) the figure is hidden and a small "not connected"
  badge shows; the page reconnects by itself (a new EventSource when the browser gave up),
  and the server sends the current frame first, so a restarted kiosk shows at once;
- OBS started before the kiosk: as a Local file (`kiosk` writes it into the data dir) the
  page loads with no kiosk running and waits; the server allows that origin (CORS `*`).
"""

from __future__ import annotations

import json

STALE_MS = 3000

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Cache-Control" content="no-store">
<title>Linli live overlay</title>
<style>
  html, body { background: transparent; margin: 0; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
         sans-serif; }
  #panel { position: absolute; left: 48px; bottom: 56px; min-width: 560px; max-width: 1100px;
           padding: 24px 36px; border-radius: 20px; background: rgba(12, 18, 28, 0.82);
           color: #fff; box-shadow: 0 6px 24px rgba(0,0,0,.35); }
  #title { font-size: 34px; opacity: .9; }
  #line { display: flex; align-items: baseline; gap: 28px; margin-top: 6px; }
  #value { font-size: 96px; font-weight: 700; line-height: 1.05; }
  #verdict { font-size: 44px; font-weight: 700; padding: 4px 22px; border-radius: 14px; }
  .good #verdict { background: #1f9d55; } .warn #verdict { background: #d69e2e; color: #111; }
  .bad #verdict { background: #d7263d; } .neutral #verdict { background: #4a5568; }
  #stats { font-size: 30px; margin-top: 8px; opacity: .9; }
  #code { font-size: 24px; margin-top: 6px; opacity: .75; letter-spacing: 1px; }
  #status { display: none; font-size: 22px; padding: 4px 14px; border-radius: 10px;
            background: rgba(80, 80, 80, .85); color: #fff; }
  body.offline #status { display: inline-block; }
  body.offline #reading, body.empty #reading { display: none; }
  body.empty #panel { display: none; }
  body.offline.empty #panel { display: block; }
  body.offline #panel { min-width: 0; padding: 8px 10px; border-radius: 14px; }
</style></head>
<body class="offline empty">
<div id="panel" class="neutral" data-seq="0">
  <div id="status">未连接 · not connected</div>
  <div id="reading">
    <div id="title"></div>
    <div id="line"><span id="value"></span><span id="verdict"></span></div>
    <div id="stats"></div>
    <div id="code"></div>
  </div>
</div>
<script>
(function () {
  var EVENTS = __EVENTS__, STALE_MS = __STALE__;
  var body = document.body, panel = document.getElementById("panel");
  var last = 0, source = null, retry = null;
  try { var saved = localStorage.getItem("linli-offline");
        if (saved) document.getElementById("status").textContent = saved; } catch (e) {}
  function offline() { body.classList.add("offline"); }
  function text(id, value) { document.getElementById(id).textContent = value || ""; }
  function show(f) {
    if (f.labels && f.labels.not_connected) {
      text("status", f.labels.not_connected);
      try { localStorage.setItem("linli-offline", f.labels.not_connected); } catch (e) {}
    }
    text("title", f.title); text("value", f.value); text("verdict", f.verdict);
    text("stats", f.stats);
    text("code", f.code ? ((f.code_label ? f.code_label + " " : "") + f.code) : "");
    panel.className = f.tone || "neutral";
    panel.setAttribute("data-seq", String(f.seq));
    body.classList.toggle("empty", !!f.empty);
    body.classList.remove("offline");
  }
  function connect() {
    retry = null;
    if (source) source.close();
    source = new EventSource(EVENTS);
    source.addEventListener("frame", function (e) { last = Date.now(); show(JSON.parse(e.data)); });
    source.addEventListener("ping", function () { last = Date.now(); body.classList.remove("offline"); });
    source.onerror = function () {
      offline();
      if (source.readyState === EventSource.CLOSED && !retry) retry = setTimeout(connect, 1000);
    };
  }
  setInterval(function () {
    if (Date.now() - last > STALE_MS) {
      offline();
      if (!retry) retry = setTimeout(connect, 500);  // a half-open stream: start again
    }
  }, 500);
  connect();
})();
</script>
</body></html>
"""


def page_html(events_url: str) -> str:
    """The page, reading its frames from `events_url` (relative when served by the kiosk,
    absolute in the Local-file copy)."""
    return _PAGE.replace("__EVENTS__", json.dumps(events_url)).replace("__STALE__", str(STALE_MS))
