"""Look at a rendered page as a phone or a desktop does: headless Chromium at a chosen viewport width.

Chromium's window is never narrower than 500 px, so the viewport is set with the DevTools protocol
(``Emulation.setDeviceMetricsOverride``), spoken over ``--remote-debugging-pipe`` (JSON messages ended
by a NUL byte on file descriptors 3 and 4): no network, no extra package. As a phone, the page is laid
out with ``mobile: true``, so a page without ``<meta name="viewport" content="width=device-width">`` gets
a 980 px layout, as on a real phone.

``python -m competentiecheck.report.browser report/_output/totaal/index.html --width 400 --screenshot x.png``
prints the page's layout width and the elements that stick out of the viewport.
"""

from __future__ import annotations

import argparse
import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["chromium", "Layout", "measure", "main"]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]

# layout width of the page, its viewport, and the outermost elements whose right edge passes the viewport
PROBE = """(() => {
  const d = document.documentElement, w = d.clientWidth, out = [];
  const clipped = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect(), p = e.parentElement;
    if (r.width > 0 && r.right > w + 0.5 && (!p || p.getBoundingClientRect().right <= w + 0.5) && !clipped(e)) {
      out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string'
        ? '.' + e.className.trim().split(/\\s+/).join('.') : ''} (${Math.round(r.right)} px)`);
    }
  }
  return {scrollWidth: d.scrollWidth, viewport: w, sticking_out: out};
})()"""


def chromium() -> str | None:
    """The Chromium command, or None when it is not installed."""
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@dataclass
class Layout:
    scroll_width: int
    viewport: int
    sticking_out: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def _as_fds_3_and_4(read_end: int, write_end: int) -> None:
    # first out of the way (either end may itself be 3 or 4), then onto 3 and 4
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (read_end, write_end)]
    os.dup2(high[0], 3)
    os.dup2(high[1], 4)


class _Pipe:
    def __init__(self, command: str, profile: str):
        to_browser, self._their_in = os.pipe()
        self._their_out, from_browser = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4
        self.process = subprocess.Popen(
            [command, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=lambda: _as_fds_3_and_4(to_browser, from_browser),
        )
        os.close(to_browser)
        os.close(from_browser)
        self._writer = os.fdopen(self._their_in, "wb")
        self._reader = os.fdopen(self._their_out, "rb")
        self._next = 0
        self._buffer = b""

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = self._reader.read1(1 << 16)
            if not chunk:
                raise RuntimeError("Chromium sloot de verbinding")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._writer.write(json.dumps(message).encode() + b"\0")
        self._writer.flush()
        while True:
            answer = self._read()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def wait_for(self, event: str, session: str) -> None:
        while True:
            message = self._read()
            if message.get("method") == event and message.get("sessionId") == session:
                return

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._writer.close()
        self._reader.close()


def measure(
    page: Path,
    width: int,
    height: int = 900,
    mobile: bool | None = None,
    screenshot: Path | None = None,
    full_page: bool = False,
    evaluate: dict[str, str] | None = None,
) -> Layout:
    """Load ``page`` at a viewport ``width`` px wide and return its layout width.

    ``mobile`` (default: width below 800) lays the page out as a phone does (meta viewport honoured).
    ``evaluate`` maps names to JavaScript expressions whose values come back in ``Layout.values``;
    ``screenshot`` writes a PNG of the first screen (or of the whole page with ``full_page``).
    """
    command = chromium()
    if command is None:
        raise FileNotFoundError("chromium is niet geïnstalleerd")
    mobile = width < 800 if mobile is None else mobile
    profile = tempfile.mkdtemp(prefix="chromium-")
    pipe = _Pipe(command, profile)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        pipe.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
            session,
        )
        pipe.send("Page.enable", session=session)
        pipe.send("Page.navigate", {"url": Path(page).resolve().as_uri()}, session)
        pipe.wait_for("Page.loadEventFired", session)

        def run(expression: str):
            result = pipe.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
            if "exceptionDetails" in result:
                raise RuntimeError(f"{expression[:60]}…: {result['exceptionDetails'].get('text')}")
            return result["result"].get("value")

        probe = run(PROBE)
        values = {name: run(expression) for name, expression in (evaluate or {}).items()}
        if screenshot:
            options = {"format": "png"}
            if full_page:
                options["captureBeyondViewport"] = True
                options["clip"] = {
                    "x": 0,
                    "y": 0,
                    "width": probe["scrollWidth"],
                    "height": run("document.documentElement.scrollHeight"),
                    "scale": 1,
                }
            data = pipe.send("Page.captureScreenshot", options, session)["data"]
            Path(screenshot).write_bytes(base64.b64decode(data))
    finally:
        pipe.close()
        shutil.rmtree(profile, ignore_errors=True)
    return Layout(probe["scrollWidth"], probe["viewport"], probe["sticking_out"], values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Breedte van een pagina in headless Chromium, als telefoon of scherm.")
    parser.add_argument("page", type=Path)
    parser.add_argument("--width", type=int, default=400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args(argv)
    layout = measure(args.page, args.width, args.height, screenshot=args.screenshot, full_page=args.full_page)
    print(f"{args.page}: layoutbreedte {layout.scroll_width} px bij een viewport van {layout.viewport} px")
    for element in layout.sticking_out:
        print(f"  steekt uit: {element}")
    return 0 if layout.scroll_width <= layout.viewport else 1


if __name__ == "__main__":
    raise SystemExit(main())
