// The status page's only script: redraw the throughput chart and the stream table, replay dead letters.
"use strict";

const COLORS = ["#2563eb", "#16a34a", "#9333ea", "#dc2626"];

function drawChart(doc) {
  const svg = document.getElementById("chart");
  const legend = document.getElementById("legend");
  const width = 600, height = 160;
  const points = doc.points;
  let max = 1;
  for (const p of points) for (const s of doc.streams) max = Math.max(max, p.per_s[s] || 0);
  const parts = [];
  for (let i = 1; i < 4; i++) {
    const y = (height * i) / 4;
    parts.push(`<line x1="0" x2="${width}" y1="${y}" y2="${y}" class="grid"/>`);
  }
  doc.streams.forEach((stream, index) => {
    if (points.length < 1) return;
    const step = points.length > 1 ? width / (points.length - 1) : width;
    const coords = points.map((p, i) => {
      const y = height - ((p.per_s[stream] || 0) / max) * (height - 8);
      return `${(i * step).toFixed(1)},${y.toFixed(1)}`;
    });
    parts.push(`<polyline fill="none" stroke="${COLORS[index % COLORS.length]}" stroke-width="2" points="${coords.join(" ")}"/>`);
  });
  svg.innerHTML = parts.join("");
  const last = points.length ? points[points.length - 1].per_s : {};
  legend.innerHTML = doc.streams
    .map((s, i) => `<span style="color:${COLORS[i % COLORS.length]}">■</span> ${s.split(":").pop()} ${(last[s] || 0).toFixed(1)}/s`)
    .join(" &nbsp; ") + ` &nbsp; (peak ${max.toFixed(1)}/s)`;
}

function text(value) {
  const span = document.createElement("span");
  span.textContent = String(value);
  return span.innerHTML;
}

function drawStreams(doc) {
  const rows = doc.streams.map((s) => {
    const consumers = s.consumers.map((c) => `${text(c.name)} (${c.pending})`).join(", ");
    return `<tr><td>${text(s.stream)}</td><td>${s.length}</td><td>${text(s.group)}</td><td>${s.lag}</td><td>${s.pending}</td><td>${consumers}</td></tr>`;
  });
  document.getElementById("stream-rows").innerHTML = rows.join("");
  document.getElementById("dead-count").textContent = doc.dead_letters;
}

async function refresh() {
  try {
    const [throughput, status] = await Promise.all([fetch("/throughput"), fetch("/status")]);
    if (throughput.ok) drawChart(await throughput.json());
    if (status.ok) drawStreams(await status.json());
  } catch (err) {
    // the api went away: keep the last picture
  }
}

async function replay(button) {
  const id = button.dataset.id;
  button.disabled = true;
  const answer = await fetch(`/dead-letters/${encodeURIComponent(id)}/replay`, { method: "POST" });
  const note = document.getElementById("replay-status");
  if (answer.ok) {
    const doc = await answer.json();
    note.textContent = doc.replayed.map((r) => `replayed ${r.id} → ${r.stream} ${r.new_id}`).join("; ");
    button.closest("tr").classList.add("replayed");
    button.textContent = "Replayed";
  } else {
    note.textContent = `replay of ${id} failed: HTTP ${answer.status}`;
    button.disabled = false;
  }
}

document.querySelectorAll("button.replay").forEach((b) => b.addEventListener("click", () => replay(b)));
refresh();
setInterval(refresh, 2000);
