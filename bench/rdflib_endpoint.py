"""A minimal SPARQL endpoint: a plain rdflib Dataset (union default graph) behind FastAPI, for comparison.

    python bench/rdflib_endpoint.py EXPORT.nq --port 8765

GET or POST /sparql?query=... answers SELECT queries as SPARQL JSON results; GET /health says when the data
is loaded. Nothing else: it is the baseline "rdflib behind a web framework" stack the benchmark compares with.
"""

from __future__ import annotations

import argparse
import json
import time

import uvicorn
from fastapi import FastAPI, Form, Query
from fastapi.responses import Response
from rdflib import BNode, Dataset, Literal, URIRef


def _term(t: object) -> dict:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    if isinstance(t, Literal):
        out = {"type": "literal", "value": str(t)}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype:
            out["datatype"] = str(t.datatype)
        return out
    return {"type": "literal", "value": str(t)}


def create_app(path: str) -> FastAPI:
    """The app over the N-Quads file at `path` (loaded at start-up)."""
    ds = Dataset(default_union=True)
    t0 = time.perf_counter()
    ds.parse(path, format="nquads")
    load_seconds = time.perf_counter() - t0
    app = FastAPI()

    def answer(query: str) -> Response:
        result = ds.query(query)
        names = [str(v) for v in result.vars or []]
        rows = [{n: _term(row[i]) for i, n in enumerate(names) if row[i] is not None} for row in result]
        body = {"head": {"vars": names}, "results": {"bindings": rows}}
        return Response(json.dumps(body), media_type="application/sparql-results+json")

    @app.get("/sparql")
    def get(query: str = Query(...)) -> Response:
        return answer(query)

    @app.post("/sparql")
    def post(query: str = Form(...)) -> Response:
        return answer(query)

    @app.get("/health")
    def health() -> dict:
        return {"quads": len(ds), "load_seconds": load_seconds}

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", help="N-Quads file")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    uvicorn.run(create_app(args.export), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
