"""Benchmarks of Marsad (issue 9): ``python -m bench`` writes ``bench/RESULTS.md``.

Modules: ``corpus`` (the synthetic scale corpus), ``build_bench`` (build throughput and
memory per stage), ``validate_bench`` (pySHACL against pyshacl-turbo), ``endpoint_bench``
and ``loadgen`` (Marsad, bare Oxigraph and rdflib-endpoint under load), ``report``.
"""
