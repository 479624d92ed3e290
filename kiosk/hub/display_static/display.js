/* The TV display in a browser (served by the site hub, kiosk/hub/display.py). Plain ES5, no framework,
   nothing from outside the LAN: it runs on a smart TV's or an Android stick's browser.

   - Live: server-sent events from /display/events; on a drop or a hub restart it reconnects by itself
     with its cursor (the id of the last call it has), so it gets the calls it missed and none twice. A
     page that loads starts after the newest call: a reload never replays one.
   - Voice: each call's chime and announcement is a WAV the hub renders (/display/audio/<id>.wav); calls
     are played in order, one after the other, each to its end. A call older than voice.max_age when its
     turn comes is dropped. `?speaker=0|1` in the address overrides the hub's voice.speaker for this TV.
   - Layout: the counters' grid takes the column count that gives the biggest numbers, and each number
     is sized to its card; the side panels show the rows that fit.

   window.kioskDisplay exposes what happened (log, state, cursor) for the tests and for a technician's
   console. */
(function () {
    "use strict";

    var DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
    var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                  "Oktober", "November", "Desember"];
    var SAMPLE_NUMBER = "M-000";       // the widest a ticket number gets: every card is sized for it
    var RECONNECT_MS = 2000;
    var SILENT_MS = 15000;             // nothing heard for this long (the hub pings every 5 s): reconnect
    var POLL_MS = 2000;                // browsers without EventSource
    var MARQUEE_PX_PER_S = 4;          // in rem per second, times the rem size
    var SEPARATOR = "     \u2022     ";

    var $ = function (id) { return document.getElementById(id); };
    var state = null;                  // the last board from the hub
    var cursor = null;                 // the id of the last call event taken (null: none yet)
    var clockOffset = 0;               // hub time minus this browser's time, ms
    var utcOffsetMin = 480;            // the site's time zone (WITA)
    var lastHeard = 0;
    var source = null;
    var reconnectTimer = null;
    var cards = {};
    var cardOrder = "";
    var columns = 0;
    var numberRatio = 0;
    var log = [];
    var speakerParam = (function () {
        var m = /[?&]speaker=([01]|true|false)/.exec(window.location.search);
        return m ? (m[1] === "1" || m[1] === "true") : null;
    })();

    function note(kind, detail) {
        var entry = { kind: kind, t: Date.now() };
        if (detail) { for (var k in detail) { if (detail.hasOwnProperty(k)) { entry[k] = detail[k]; } } }
        log.push(entry);
        if (log.length > 500) { log.splice(0, log.length - 500); }
    }

    function hubNow() { return Date.now() + clockOffset; }

    function setText(el, text) { if (el.textContent !== text) { el.textContent = text; } }

    function el(tag, cls, text) {
        var node = document.createElement(tag);
        if (cls) { node.className = cls; }
        if (text !== undefined) { node.textContent = text; }
        return node;
    }

    // --- the clock (the hub's, in the site's time zone, whatever this TV believes) ---------------------

    function pad(n) { return n < 10 ? "0" + n : "" + n; }

    function tick() {
        var local = new Date(hubNow() + utcOffsetMin * 60000);
        setText($("clock"), pad(local.getUTCHours()) + ":" + pad(local.getUTCMinutes()));
        setText($("date"), DAYS[local.getUTCDay()] + ", " + local.getUTCDate() + " " + MONTHS[local.getUTCMonth()] +
                " " + local.getUTCFullYear());
    }

    // --- the counters' grid ------------------------------------------------------------------------------

    function remPx() { return parseFloat(window.getComputedStyle(document.documentElement).fontSize) || 30; }

    function measureRatio() {
        // Width of the sample number per pixel of font size, in the display's bold font.
        var probe = el("span", "", SAMPLE_NUMBER);
        probe.style.cssText = "position:absolute;visibility:hidden;font-weight:700;font-size:100px;white-space:nowrap";
        document.body.appendChild(probe);
        var ratio = probe.offsetWidth / 100;
        document.body.removeChild(probe);
        return ratio || 2.9;
    }

    function bestColumns(count, width, height, gap, chromeW, chromeH, ratio) {
        // The column count that gives the biggest numbers (as kiosk/ui/display_view.py: best_columns).
        var best = 1, bestPx = -1;
        for (var c = 1; c <= Math.max(1, count); c++) {
            var rows = Math.ceil(count / c);
            var cardW = (width - (c - 1) * gap) / c;
            var cardH = (height - (rows - 1) * gap) / rows;
            var px = Math.min((cardW - chromeW) / ratio, (cardH - chromeH) / 1.4);
            if (px > bestPx + 0.5) { best = c; bestPx = px; }
        }
        return best;
    }

    function buildCards(counters) {
        var grid = $("grid");
        var order = counters.map(function (c) { return c.counter; }).join(",");
        if (order === cardOrder) { return; }
        cardOrder = order;
        for (var key in cards) { if (cards.hasOwnProperty(key)) { grid.removeChild(cards[key].root); } }
        cards = {};
        counters.forEach(function (c) {
            var root = el("div", "card");
            root.setAttribute("data-counter", c.counter);
            var card = { root: root, name: el("div", "name", "LOKET " + c.counter), number: el("div", "number", "\u2014"),
                         service: el("div", "service", "") };
            root.appendChild(card.name);
            root.appendChild(card.number);
            root.appendChild(card.service);
            grid.appendChild(root);
            cards[c.counter] = card;
        });
        columns = 0;
        $("empty").hidden = counters.length > 0;
    }

    function arrange() {
        var list = state ? state.counters : [];
        var grid = $("grid");
        if (!list.length) { return; }
        if (!numberRatio) { numberRatio = measureRatio(); }
        var rem = remPx();
        var gap = 0.5333 * rem;
        var sample = cards[list[0].counter];
        var chromeH = sample.name.offsetHeight + sample.service.offsetHeight + 0.6 * rem;
        var chromeW = 0.7 * rem;  // the card's padding and border
        var want = bestColumns(list.length, grid.clientWidth, grid.clientHeight, gap, chromeW, chromeH, numberRatio);
        var rows = Math.ceil(list.length / want);
        if (want !== columns) {
            columns = want;
            grid.style.gridTemplateColumns = "repeat(" + want + ", minmax(0, 1fr))";
            grid.style.gridTemplateRows = "repeat(" + rows + ", minmax(0, 1fr))";
        }
        if (!(window.CSS && CSS.supports && CSS.supports("display", "grid"))) {
            // Old TV engines without CSS grid: the same cells, sized by hand in a wrapping flex box.
            var w = (grid.clientWidth - (want - 1) * gap) / want, h = (grid.clientHeight - (rows - 1) * gap) / rows;
            list.forEach(function (c, i) {
                var s = cards[c.counter].root.style;
                s.width = w + "px"; s.height = h + "px";
                s.marginRight = (i % want === want - 1) ? "0" : gap + "px";
                s.marginBottom = (Math.floor(i / want) === rows - 1) ? "0" : gap + "px";
            });
        }
        fitNumbers();
    }

    function fitNumbers() {
        for (var key in cards) {
            if (!cards.hasOwnProperty(key)) { continue; }
            var box = cards[key].number;
            var width = box.clientWidth, height = box.clientHeight;
            // By height: the font's whole line (ascent + descent, ~1.36 em for Noto Sans) fits, as in Qt.
            var px = Math.max(8, Math.floor(Math.min(width / numberRatio, height / 1.4) * 0.97));
            box.style.fontSize = px + "px";
        }
    }

    function renderCounters() {
        buildCards(state.counters);
        state.counters.forEach(function (c) {
            var card = cards[c.counter];
            var label = c.state === "paused" ? "ISTIRAHAT" : c.state === "closed" ? "TUTUP" : "";
            var bottom = label ? (c.reason ? label + " \u2014 " + c.reason : label) : c.service;
            setText(card.number, c.number || "\u2014");
            setText(card.service, bottom || "\u00a0");
            card.service.title = bottom || "";
            var cls = card.root.className.replace(/\s*\b(paused|closed)\b/g, "");
            if (c.state === "paused" || c.state === "closed") { cls += " " + c.state; }
            if (cls !== card.root.className) { card.root.className = cls; }
        });
    }

    function flash(counter) {
        for (var key in cards) {
            if (cards.hasOwnProperty(key)) { cards[key].root.className = cards[key].root.className.replace(/\s*\blatest\b/g, ""); }
        }
        var card = cards[counter];
        if (!card) { return; }
        var root = card.root;
        root.className = root.className.replace(/\s*\bflash\b/g, "");
        void root.offsetWidth;  // restart the animation for a second call at the same counter
        root.className += " flash latest";
    }

    function flashEnded(event) {
        var root = event.target;
        if (event.animationName === "flash" && /\bcard\b/.test(root.className)) {
            root.className = root.className.replace(/\s*\bflash\b/g, "");
        }
    }

    // --- the side panels ---------------------------------------------------------------------------------

    function row(key, text, value, cls) {
        var r = el("div", "row" + (cls ? " " + cls : ""));
        if (key) { r.appendChild(el("span", "key", key)); }
        var t = el("span", "text", text);
        t.title = text;
        r.appendChild(t);
        if (value) { r.appendChild(el("span", "value", value)); }
        return r;
    }

    function fillRows(host, rows, empty, more) {
        host.innerHTML = "";
        if (!rows.length) { host.appendChild(el("div", "hint", empty)); return; }
        var probe = row("A", "x", "1");
        host.appendChild(probe);
        var step = probe.offsetHeight + (parseFloat(window.getComputedStyle(probe).fontSize) || 0) * 0.05;
        host.removeChild(probe);
        var fit = Math.max(1, Math.floor((host.clientHeight + 1) / Math.max(1, step)));
        var shown = rows;
        if (rows.length > fit) {
            shown = more ? rows.slice(0, fit - 1) : rows.slice(0, fit);
        }
        shown.forEach(function (r) { host.appendChild(row(r[0], r[1], r[2])); });
        if (more && rows.length > shown.length) {
            host.appendChild(row("", "+" + (rows.length - shown.length) + " lainnya", "", "more"));
        }
        alignColumn(host, "key");
        alignColumn(host, "value");
    }

    function alignColumn(host, cls) {
        // Keys and values in aligned columns, as wide as the widest of them.
        var cells = host.querySelectorAll("." + cls), widest = 0, i;
        for (i = 0; i < cells.length; i++) { widest = Math.max(widest, cells[i].offsetWidth); }
        for (i = 0; i < cells.length; i++) { cells[i].style.minWidth = widest + "px"; }
    }

    function renderSide() {
        fillRows($("recent"), state.recent.map(function (r) { return [r.number, "", "Loket " + r.counter]; }),
                 "Belum ada panggilan.", false);
        fillRows($("waiting"), state.waiting.map(function (w) { return [w.prefix, w.service, String(w.count)]; }),
                 "Tidak ada yang menunggu.", true);
    }

    // --- the running text --------------------------------------------------------------------------------

    function renderMarquee() {
        var items = (state.running_text || []).filter(function (s) { return s && s.trim(); });
        if (!items.length) {
            items = ["Selamat datang di " + state.site + ". Ambil nomor antrian di kiosk, lalu tunggu nomor Anda " +
                     "dipanggil. Layanan tanpa biaya tambahan; laporkan pungutan liar ke SP4N-LAPOR!"];
        }
        var span = $("marquee-text");
        var text = items.join(SEPARATOR);
        if (span.textContent === text) { return; }
        span.textContent = text;
        var seconds = Math.max(10, span.offsetWidth / (MARQUEE_PX_PER_S * remPx()));
        span.style.animationDuration = seconds.toFixed(1) + "s";
        // Start with the text at the left edge rather than behind the right one (the span's padding is the bar).
        var lead = span.parentNode.clientWidth / Math.max(1, span.offsetWidth);
        span.style.animationDelay = (-lead * seconds).toFixed(2) + "s";
    }

    // --- the voice ---------------------------------------------------------------------------------------

    var queue = [];
    var playing = null;
    var blocked = false;

    function speaks() {
        var v = state && state.voice;
        if (!v || !v.enabled || v.quiet) { return false; }
        return speakerParam !== null ? speakerParam : !!v.speaker;
    }

    function enqueue(call) {
        if (!speaks()) { note("skip", { id: call.id }); return; }
        var audio = new Audio();
        audio.preload = "auto";   // fetched now, while the one before it plays
        audio.src = call.audio;
        call.el = audio;
        queue.push(call);
        pump();
    }

    function pump() {
        if (playing || blocked || !queue.length) { return; }
        var call = queue.shift();
        var maxAge = (state && state.voice && state.voice.max_age) || 120;
        if ((hubNow() - call.at_ms) / 1000 > maxAge) {
            note("drop", { id: call.id });
            pump();
            return;
        }
        playing = call;
        var audio = call.el;
        var finished = false;
        var guard = null;
        function done(kind) {
            if (finished) { return; }
            finished = true;
            clearTimeout(guard);
            audio.onended = audio.onerror = audio.onloadedmetadata = audio.onplaying = null;
            playing = null;
            note(kind, { id: call.id, seconds: audio.duration, played: audio.currentTime });
            pump();
        }
        function arm(seconds) { clearTimeout(guard); guard = setTimeout(function () { done("timeout"); }, seconds * 1000); }
        audio.onplaying = function () { if (!call.started) { call.started = true; note("start", { id: call.id, number: call.number }); } };
        audio.onended = function () { done("end"); };
        audio.onerror = function () { done("error"); };
        audio.onloadedmetadata = function () { if (isFinite(audio.duration)) { arm(audio.duration + 5); } };
        arm(isFinite(audio.duration) && audio.duration > 0 ? audio.duration + 5 : 30);
        var promise;
        try { promise = audio.play(); } catch (err) { done("error"); return; }
        if (promise && promise.then) {
            promise.then(null, function (err) {
                if (finished) { return; }
                if (err && err.name === "NotAllowedError") {
                    // Autoplay refused until someone interacts: keep the call first in line, ask for a key press.
                    finished = true;
                    clearTimeout(guard);
                    playing = null;
                    queue.unshift(call);
                    blocked = true;
                    $("sound").hidden = false;
                    note("blocked", { id: call.id });
                } else {
                    done("error");
                }
            });
        }
    }

    function unlock() {
        if (!blocked) { return; }
        blocked = false;
        $("sound").hidden = true;
        note("unlocked");
        pump();
    }

    // --- the board from the hub --------------------------------------------------------------------------

    function apply(snap) {
        lastHeard = Date.now();
        clockOffset = snap.now_ms - Date.now();
        utcOffsetMin = snap.utc_offset_min;
        state = snap;
        cursor = snap.cursor;
        if (document.title !== snap.site + " \u2014 Layar antrian") { document.title = snap.site + " \u2014 Layar antrian"; }
        setText($("title"), snap.site);
        tick();
        renderCounters();
        arrange();
        renderSide();
        renderMarquee();
        var last = 0;
        (snap.calls || []).forEach(function (call) {
            if (call.id <= last) { return; }
            last = call.id;
            note("call", { id: call.id, number: call.number, counter: call.counter, at_ms: call.at_ms });
            flash(call.counter);
            enqueue(call);
        });
        note("state", { cursor: cursor });
    }

    function heard(data) {
        lastHeard = Date.now();
        if (data && data.now_ms) { clockOffset = data.now_ms - Date.now(); }
    }

    function online(yes) {
        $("link").hidden = yes;
        document.documentElement.setAttribute("data-online", yes ? "1" : "0");
    }

    function eventsUrl() { return "/display/events" + (cursor === null ? "" : "?after=" + cursor); }

    function connect() {
        clearTimeout(reconnectTimer);
        if (source) { source.close(); }
        note("connect", { cursor: cursor });
        // Not EventSource's own retry: that would ask again with the cursor of the first connection and
        // hear calls twice. Each reconnection asks with the cursor the page has now.
        var es = source = new EventSource(eventsUrl());
        lastHeard = Date.now();
        es.onopen = function () { online(true); };
        es.addEventListener("state", function (e) { online(true); apply(JSON.parse(e.data)); });
        es.addEventListener("ping", function (e) { online(true); heard(JSON.parse(e.data)); });
        es.onerror = function () { drop("error"); };
    }

    function drop(why) {
        if (!source) { return; }
        note("disconnect", { why: why });
        source.close();
        source = null;
        online(false);
        reconnectTimer = setTimeout(connect, RECONNECT_MS);
    }

    function watchdog() {
        // A network drop may never close the connection: silence is a drop.
        if (source && Date.now() - lastHeard > SILENT_MS) { drop("silent"); }
    }

    function poll() {
        var xhr = new XMLHttpRequest();
        xhr.open("GET", "/display/state" + (cursor === null ? "" : "?after=" + cursor));
        xhr.onload = function () {
            if (xhr.status === 200) { online(true); apply(JSON.parse(xhr.responseText)); } else { online(false); }
        };
        xhr.onerror = function () { online(false); };
        xhr.send();
    }

    var resizeTimer = null;
    window.addEventListener("resize", function () {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(function () { if (state) { columns = 0; arrange(); renderSide(); } }, 100);
    });
    document.addEventListener("animationend", flashEnded);
    document.addEventListener("webkitAnimationEnd", flashEnded);
    document.addEventListener("keydown", unlock);
    document.addEventListener("click", unlock);
    document.addEventListener("touchstart", unlock);
    $("sound").addEventListener("click", unlock);

    window.kioskDisplay = {
        log: log,
        state: function () { return state; },
        cursor: function () { return cursor; },
        queued: function () { return queue.length + (playing ? 1 : 0); },
        transport: window.EventSource ? "sse" : "poll"
    };

    tick();
    setInterval(tick, 1000);
    if (document.fonts && document.fonts.load) {
        // The numbers are sized with the display's font: measure again once it has loaded.
        document.fonts.load('700 100px "Noto Sans"').then(function () {
            numberRatio = 0;
            if (state) { columns = 0; arrange(); renderSide(); }
        }, function () {});
    }
    if (window.EventSource) {
        connect();
        setInterval(watchdog, 2000);
    } else {
        poll();
        setInterval(poll, POLL_MS);
    }
})();
