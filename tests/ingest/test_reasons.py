from coprod.ingest import REASONS, reasons


def test_every_code_constant_is_described() -> None:
    codes = {value for name, value in vars(reasons).items() if name.isupper() and name != "REASONS"}
    assert codes == set(REASONS)


def test_codes_are_short_machine_words() -> None:
    for code in REASONS:
        assert code.isidentifier() and code.islower()
