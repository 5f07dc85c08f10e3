/* The little JavaScript the app shell needs: a busy trace button, and the upload
   form of the index page (progress while the files go up, then the result).
   The trace form itself works without it. */
(function () {
  "use strict";

  var traceForm = document.querySelector(".trace-form");
  if (traceForm) {
    traceForm.addEventListener("submit", function () {
      var button = traceForm.querySelector("button[type=submit]");
      if (button) {
        button.disabled = true;
        button.textContent = traceForm.getAttribute("data-busy-label") || "Working…";
      }
    });
  }

  var addForm = document.getElementById("add-form");
  if (!addForm) { return; }
  var bar = document.getElementById("add-progress");
  var status = document.getElementById("add-status");

  function say(text) { status.textContent = text; }

  function refreshStats() {
    fetch("/api/stats").then(function (r) { return r.json(); }).then(function (stats) {
      var cells = document.querySelectorAll("[data-stat]");
      for (var i = 0; i < cells.length; i++) {
        var key = cells[i].getAttribute("data-stat");
        if (typeof stats[key] === "number") { cells[i].textContent = stats[key].toLocaleString("en"); }
      }
    }).catch(function () { /* the numbers refresh on the next page load */ });
  }

  addForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var files = document.getElementById("files").files;
    if (!files || files.length === 0) { say("Choose one or more files first."); return; }
    var data = new FormData();
    for (var i = 0; i < files.length; i++) { data.append("files", files[i], files[i].name); }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    var token = document.getElementById("token").value;
    if (token) { xhr.setRequestHeader("Authorization", "Bearer " + token); }
    bar.hidden = false;
    bar.value = 0;
    say("Uploading…");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round((e.loaded / e.total) * 100);
        say(bar.value < 100 ? "Uploading… " + bar.value + "%" : "Indexing…");
      }
    };
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      bar.value = 100;
      if (xhr.status === 200 && body) {
        var text = "Added " + body.added.toLocaleString("en") + " documents (" +
          body.sentences.toLocaleString("en") + " sentences) in " + body.seconds.toFixed(1) + " s";
        if (body.duplicates) { text += "; skipped " + body.duplicates + " already indexed"; }
        if (body.warnings_total) { text += "; " + body.warnings_total + " bad record(s) skipped: " + body.warnings.slice(0, 3).join(" | "); }
        say(text + ".");
        refreshStats();
      } else if (body && body.message) {
        say("Not added: " + body.message + (body.hint ? " (" + body.hint + ")" : ""));
      } else {
        say("Not added: the server answered HTTP " + xhr.status);
      }
    };
    xhr.onerror = function () { say("Not added: the upload failed."); };
    xhr.send(data);
  });
})();
