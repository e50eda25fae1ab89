// Camera step: preview with getUserMedia, take one frame as a JPEG into the hidden "photo" field, then submit.
// Plain JS, no build step. getUserMedia needs a secure context (https, or http://localhost / 127.0.0.1).
(function () {
  'use strict';
  var form = document.getElementById('camera-form');
  if (!form) { return; }
  var video = document.getElementById('camera-video');
  var canvas = document.getElementById('camera-canvas');
  var photo = document.getElementById('camera-photo');
  var field = document.getElementById('photo');
  var status = document.getElementById('camera-status');
  var startButton = document.getElementById('camera-start');
  var captureButton = document.getElementById('camera-capture');
  var retakeButton = document.getElementById('camera-retake');
  var sendButton = document.getElementById('camera-send');
  var stream = null;

  function say(text) { status.textContent = text; status.hidden = !text; }

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
  }

  function start() {
    say('');
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { say(form.dataset.denied); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        photo.hidden = true;
        startButton.hidden = true;
        return video.play();
      })
      .then(function () { captureButton.disabled = false; captureButton.focus(); })
      .catch(function () { stop(); say(form.dataset.denied); });
  }

  function capture() {
    var w = video.videoWidth || 640, h = video.videoHeight || 480;
    canvas.width = w;
    canvas.height = h;
    canvas.getContext('2d').drawImage(video, 0, 0, w, h);
    field.value = canvas.toDataURL('image/jpeg', 0.9);
    photo.src = field.value;
    photo.hidden = false;
    video.hidden = true;
    stop();
    captureButton.disabled = true;
    retakeButton.hidden = false;
    sendButton.disabled = false;
    sendButton.focus();
  }

  function retake() {
    field.value = '';
    sendButton.disabled = true;
    retakeButton.hidden = true;
    start();
  }

  startButton.addEventListener('click', start);
  captureButton.addEventListener('click', capture);
  retakeButton.addEventListener('click', retake);
  form.addEventListener('submit', function (e) {
    if (!field.value) { e.preventDefault(); say(form.dataset.nophoto); return; }
    sendButton.disabled = true;
  });
  window.addEventListener('pagehide', stop);
})();
