"""Duplicates of what the archive already holds: the cross-run half of dedup.

Before a run's candidates are decided among themselves (:func:`~warta.pipeline.dedup.decide`),
each is looked up in the target archive: a stored article version with the same content hash,
or sharing an LSH band key (:mod:`warta.store.bands`) and with an estimated similarity at or
above the threshold, makes the candidate a duplicate of that stored article. The stored
article always stays, even when the new record was published earlier: what an archive once
kept is never replaced by a later run (the new record's ``duplicate_of`` names it). Only the
candidates that match nothing stored go on to the run's own decisions.

Memory stays bounded by a batch: the archive is asked per ``batch`` candidates, for their
hashes and band keys only, and returns just the stored versions that share one.

Stored versions whose origin is one of this run's own are ignored: they were written by an
earlier, killed attempt of this same run, and matching them would change the decisions a
resumed run makes. A stored version under the candidate's own key is the same story (the
archive keeps it as a version), never a duplicate.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence

from warta.pipeline.dedup import Candidate, Decision
from warta.pipeline.signature import similarity
from warta.store.bands import BandKey, band_keys
from warta.store.base import Archive, KnownArticle


class _Index:
    """One batch's stored versions, by content hash and by band key (in storing order)."""

    def __init__(self, known: Iterable[KnownArticle]) -> None:
        self.by_hash: dict[str, list[KnownArticle]] = {}
        self.by_band: dict[BandKey, list[KnownArticle]] = {}
        for article in known:
            self.by_hash.setdefault(article.content_hash, []).append(article)
            for key in band_keys(article.minhash):
                self.by_band.setdefault(key, []).append(article)

    def match(self, cand: Candidate, bands: list[BandKey], threshold: float) -> Decision | None:
        for article in self.by_hash.get(cand.content_hash, ()):
            if article.key != cand.key:
                return Decision(article.key, f"exact duplicate of archived {article.key}")
        if cand.minhash is None:
            return None
        best: tuple[float, int, KnownArticle] | None = None
        for key in bands:
            for article in self.by_band.get(key, ()):
                if article.key == cand.key or article.minhash is None:
                    continue
                score = similarity(cand.minhash, article.minhash)
                # Highest similarity wins; among equals the one stored first.
                if score >= threshold and (best is None or (score, -article.id) > best[:2]):
                    best = (score, -article.id, article)
        if best is None:
            return None
        score, _, article = best
        return Decision(
            article.key, f"near duplicate of archived {article.key} (similarity {score:.2f})"
        )


def archive_decisions(
    candidates: Sequence[Candidate],
    archive: Archive,
    *,
    threshold: float,
    batch: int = 500,
    own: Container[str] | None = None,
) -> dict[str, Decision]:
    """The candidates that duplicate a stored article (origin → decision).

    ``own`` holds every origin of the run (default: the origins of ``candidates``); an engine
    that looks its run up a part at a time passes the whole run's here.
    """
    if own is None:
        own = {cand.origin for cand in candidates}
    decisions: dict[str, Decision] = {}
    for start in range(0, len(candidates), batch):
        chunk = candidates[start : start + batch]
        bands = [band_keys(cand.minhash) for cand in chunk]
        hashes = {cand.content_hash for cand in chunk}
        found = archive.known_articles(hashes, {key for keys in bands for key in keys})
        index = _Index(article for article in found if article.origin not in own)
        for cand, keys in zip(chunk, bands, strict=True):
            decision = index.match(cand, keys, threshold)
            if decision is not None:
                decisions[cand.origin] = decision
    return decisions
