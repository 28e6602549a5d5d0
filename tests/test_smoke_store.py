from tests.factories import Seed


def test_seed_on_both_backends(seeded: Seed) -> None:
    assert seeded.im1.role == "investment_manager"
    assert len(seeded.clients) == 6
