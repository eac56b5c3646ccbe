"""A SPARQL server over a build, in one call: Oxigraph's own server on this machine.

:func:`serve` loads a build's export (``graph.trig``, else ``graph.ttl``, ...) into a fresh
Oxigraph store in a temporary folder, with each article's statements in its own named graph
(a Turtle file is split by article as :func:`graphbuild.rdf.push` splits it), and starts
``oxigraph serve --location DIR --bind 127.0.0.1:PORT --union-default-graph`` on it (the
``oxigraph`` package, a dependency of graphbuild). It listens on 127.0.0.1 only. Queries see
every article's graph without ``GRAPH ?g { ... }``. The server stops, and the folder is
removed, when :meth:`Server.stop` is called, when the ``with`` block ends, or when Python
exits; on Linux it also stops if this process is killed.

The module is named ``server`` so that ``graphbuild.rdf.serve`` stays the function.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from .._safe import printable
from ..errors import InputError, StoreError

__all__ = ["serve", "Server", "DEFAULT_PORT", "find_export"]

logger = logging.getLogger(__name__)

DEFAULT_PORT = 7878
#: A build folder's exports, in the order :func:`find_export` prefers them.
EXPORT_NAMES = ("graph.trig", "graph.nq", "graph.ttl", "graph.nt", "graph.jsonld")


def find_export(source: str | os.PathLike[str]) -> Path:
    """The RDF file to serve: ``source`` itself, or the best export in a build folder.

    In a folder, a TriG or N-Quads export (already one graph per article) is preferred to
    Turtle, N-Triples or JSON-LD.
    """
    path = Path(source)
    if path.is_dir():
        for name in EXPORT_NAMES:
            if (path / name).is_file():
                return path / name
        raise InputError(f"no {', '.join(EXPORT_NAMES)} in this folder; is it the --out "
                         "folder of 'graphbuild build'?", path=str(path))
    if not path.exists():
        raise InputError("no such file or folder", path=str(path))
    return path


def _oxigraph_executable() -> str:
    """The ``oxigraph`` program of the ``oxigraph`` package installed with this Python."""
    folders = [Path(sys.executable).parent, Path(sysconfig.get_path("scripts")),
               Path(sysconfig.get_path("scripts", vars={"base": sys.base_prefix}))]
    for folder in folders:
        exe = folder / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
        if exe.is_file() and os.access(exe, os.X_OK):
            return str(exe)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the Oxigraph server is not installed; pip install oxigraph")
    return found


def _check_port(port: int) -> int:
    """``port``, or a free one for 0; a StoreError if it is taken or out of range."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise InputError(f"port must be a whole number from 0 to 65535, not {port!r}")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise StoreError(f"port {port} on 127.0.0.1 is in use; choose another "
                             "(--port N, or 0 for any free port)") from None
        return int(probe.getsockname()[1])


def _load(export: Path, location: str) -> tuple[int, int]:
    """Fill a new on-disk store with ``export``, one named graph per article; return the
    number of quads and of named graphs."""
    import pyoxigraph as ox

    from .read import parse_file, rdf_format
    from .store import split_by_article

    fmt = rdf_format(export)
    store = ox.Store(location)
    try:
        if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):  # already a graph per article
            try:
                store.bulk_load(path=str(export), format=fmt)
            except (SyntaxError, ValueError, OSError) as err:
                raise InputError(f"not valid {fmt}: {err}", path=str(export)) from err
        else:
            groups = split_by_article(parse_file(export))
            store.bulk_extend(
                ox.Quad(t.subject, t.predicate, t.object,
                        ox.DefaultGraph() if graph is None else graph)
                for graph, triples in groups.items() for t in triples)
        store.flush()
        counts = len(store), sum(1 for _ in store.named_graphs())
    finally:
        del store
        gc.collect()  # the store's lock on the folder goes with it
    return counts


def _stop_with_parent() -> None:  # pragma: no cover - runs in the child, before exec
    """Linux: the server gets SIGTERM if the process that started it dies, even by kill -9."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    """A running Oxigraph server on 127.0.0.1 holding a build.

    Attributes
    ----------
    url
        The query page (a browser UI), ``http://127.0.0.1:PORT/``.
    query_url, update_url, store_url
        The SPARQL query, SPARQL update and Graph Store Protocol endpoints.
    export
        The file that was loaded; ``quads`` and ``graphs`` say how much it held.
    """

    def __init__(self, process: subprocess.Popen, port: int, location: str, *, export: Path,
                 quads: int, graphs: int, work: str, log: Path) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"
        self.query_url = self.url + "query"
        self.update_url = self.url + "update"
        self.store_url = self.url + "store"
        self.location = location
        self.export, self.quads, self.graphs = export, quads, graphs
        self._work = work
        self._log = log
        atexit.register(self.stop)

    @property
    def pid(self) -> int:
        return int(self.process.pid)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def wait(self, timeout: float | None = None) -> int | None:
        """Block until the server ends (or ``timeout`` seconds pass); its exit code or None."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, timeout: float = 10) -> None:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` s) and remove its folder.

        Calling it again does nothing.
        """
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self._work, ignore_errors=True)  # the store too, unless you named one
        atexit.unregister(self.stop)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<graphbuild Server {state} at {self.url} serving {self.export}>"

    def log_tail(self, lines: int = 5) -> str:
        """The last lines the server wrote (for an error message), escaped for a terminal."""
        try:
            text = self._log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return " / ".join(printable(line) for line in text.strip().splitlines()[-lines:])


def _spawn(exe: str, folder: str, port: int, log: Path) -> subprocess.Popen:
    """``oxigraph serve`` on ``folder``, in a session of its own (a Ctrl-C reaches only
    graphbuild, which stops it in order), writing its output to ``log``."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            [exe, "serve", "--location", folder, "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"], stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None)


def _wait_ready(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    probe = server.query_url + "?query=ASK%7B%7D"
    while True:
        if not server.running:
            tail = server.log_tail()
            server.stop()
            raise StoreError(f"the Oxigraph server stopped at start (exit code "
                             f"{server.process.returncode})" + (f": {tail}" if tail else ""))
        try:
            with urllib.request.urlopen(probe, timeout=2) as answer:
                answer.read()
                return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise StoreError(f"the Oxigraph server did not answer within {timeout:g} s")
        time.sleep(0.05)


def serve(source: str | os.PathLike[str], *, port: int = DEFAULT_PORT,
          location: str | os.PathLike[str] | None = None, ready_timeout: float = 60) -> Server:
    """Start a SPARQL server on 127.0.0.1 holding a build; return it once it answers.

    Parameters
    ----------
    source
        A build's output folder (its ``graph.trig`` is served, else ``graph.ttl``, ...) or
        an RDF file. Each article's statements go into the article's named graph; the
        server's default graph is the union of all graphs.
    port
        The port on 127.0.0.1 (default 7878; 0 for any free port).
    location
        An empty folder to keep the store in after the server stops; by default a
        temporary folder, removed when it stops.
    ready_timeout
        Seconds to wait for the server to answer its first query.

    Returns
    -------
    Server
        Running; a context manager that stops it at the end of a ``with`` block. Its
        ``url`` is the query page, ``query_url`` / ``update_url`` / ``store_url`` the
        SPARQL and Graph Store endpoints.

    Raises
    ------
    InputError
        If the source is missing or not RDF, or the port is not a port number.
    StoreError
        If the port is in use, the ``oxigraph`` program is missing, or the server fails to
        start.

    Examples
    --------
    >>> import os, tempfile, urllib.parse, urllib.request
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.rdf import write_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> ind = Actor("India", ActorType.COUNTRY, "IND")
    >>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
    >>> out = tempfile.mkdtemp()
    >>> write_graph(build_graph([Event("a1", ind, rus, Plover.CONSULT, "hold talks",
    ...                                "India held talks with Russia.", 0, 29)]),
    ...             os.path.join(out, "graph.trig"), "trig")
    >>> with serve(out, port=0) as server:
    ...     ask = urllib.parse.quote("ASK { ?a <https://graphbuild.example.org/ns#consult> ?b }")
    ...     with urllib.request.urlopen(f"{server.query_url}?query={ask}") as answer:
    ...         print(answer.read().decode())
    {"head":{},"boolean":true}
    >>> server.running
    False
    """
    export = find_export(source)
    exe = _oxigraph_executable()
    port = _check_port(port)
    owned = location is None
    work = tempfile.mkdtemp(prefix="graphbuild-serve-")  # the log, and the store if owned
    folder = os.path.join(work, "store") if owned else os.fspath(location)
    log = Path(work) / "server.log"
    try:
        if not owned:
            Path(folder).mkdir(parents=True, exist_ok=True)
            if any(Path(folder).iterdir()):
                raise InputError("the store folder must be empty", path=folder)
        quads, graphs = _load(export, folder)
        process = _spawn(exe, folder, port, log)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    server = Server(process, port, folder, export=export, quads=quads, graphs=graphs,
                    work=work, log=log)
    try:
        _wait_ready(server, ready_timeout)
    except BaseException:
        server.stop()
        raise
    logger.info("serving %s (%d quads, %d named graphs) at %s", printable(export), quads, graphs,
                server.url)
    return server
