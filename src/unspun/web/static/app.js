/* The little JavaScript the app shell needs: a busy trace button, and the upload
   form of the index page (progress while the files go up, then a live count
   while the server indexes them in the background, then the result).
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

  function failed(body, status) {
    bar.value = 100;
    if (body && body.message) {
      say("Not added: " + body.message + (body.hint ? " (" + body.hint + ")" : ""));
    } else {
      say("Not added: the server answered HTTP " + status);
    }
  }

  function done(result) {
    bar.value = 100;
    var text = "Added " + result.added.toLocaleString("en") + " documents (" +
      result.sentences.toLocaleString("en") + " sentences) in " + result.seconds.toFixed(1) + " s";
    if (result.duplicates) { text += "; skipped " + result.duplicates + " already indexed"; }
    if (result.warnings_total) { text += "; " + result.warnings_total + " bad record(s) skipped: " + result.warnings.slice(0, 3).join(" | "); }
    say(text + ".");
    refreshStats();
  }

  /* Poll the add's job until it is done or failed; the server indexes in the background. */
  function watch(url) {
    fetch(url).then(function (r) {
      return r.json().then(function (job) { return { ok: r.ok, status: r.status, job: job }; });
    }).then(function (answer) {
      var job = answer.job;
      if (!answer.ok) { failed(job, answer.status); return; }
      if (job.state === "done") { done(job.result); return; }
      if (job.state === "failed") { failed(job.error, 200); return; }
      say("Indexing… " + job.documents.toLocaleString("en") + " documents (" +
        (job.bytes / 1e6).toFixed(1) + " MB) so far");
      setTimeout(function () { watch(url); }, 500);
    }).catch(function () { say("Lost track of the upload; reload the page to see the index."); });
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
      if (xhr.status === 202 && body) {
        say("Indexing…");
        watch(xhr.getResponseHeader("Location") || "/api/jobs/" + body.id);
      } else {
        failed(body, xhr.status);
      }
    };
    xhr.onerror = function () { say("Not added: the upload failed."); };
    xhr.send(data);
  });
})();
