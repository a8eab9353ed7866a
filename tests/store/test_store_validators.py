"""Crawl validators (ETag, Last-Modified) kept in the archive, for both backends."""

from __future__ import annotations

from warta.store import open_archive


def test_validators_round_trip_and_replace(archive_target: str) -> None:
    long_url = "https://x.id/" + "a" * 9000  # longer than any index entry may be
    with open_archive(archive_target) as archive:
        assert archive.validators() == {}
        archive.keep_validators({})  # nothing to keep writes nothing
        archive.keep_validators(
            {"https://x.id/1": ('"e1"', None), long_url: (None, "Tue, 01 Oct 2024 08:00:00 GMT")}
        )
        archive.keep_validators({"https://x.id/1": ('"e2"', "Wed, 02 Oct 2024 08:00:00 GMT")})
    with open_archive(archive_target) as archive:
        assert archive.validators() == {
            "https://x.id/1": ('"e2"', "Wed, 02 Oct 2024 08:00:00 GMT"),
            long_url: (None, "Tue, 01 Oct 2024 08:00:00 GMT"),
        }
        assert archive.stats()["processed"] == 0  # validators are not records


def test_a_nul_in_a_header_does_not_fail_the_batch(archive_target: str) -> None:
    with open_archive(archive_target) as archive:
        archive.keep_validators({"https://x.id/n": ('"a\x00b"', None)})
        etag, _ = archive.validators()["https://x.id/n"]
    assert etag in {'"ab"', '"a\x00b"'}  # PostgreSQL text cannot hold NUL: it is dropped
