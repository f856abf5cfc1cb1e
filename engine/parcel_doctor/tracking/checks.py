"""Check-digit algorithms, by the names `facts/number_formats.toml` uses.

Each algorithm takes the characters the check covers (a format's `serial` group, after
its optional `prefix`) and the format's parameters, and returns the check character the
serial should carry. Which format uses which algorithm, with which weights, is data;
the arithmetic is here, once. Every function raises `ValueError` for a character it
cannot weigh (the matcher treats that as a failed check, never as a crash).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

Params = Mapping[str, Any]

_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _digit(char: str, letter_values: str | None) -> int:
    """A character's value: its digit, or for a letter its place in `letter_values`
    (26 digits, A to Z: how UPS and OnTrac weigh the letters of a number)."""
    if char.isascii() and char.isdigit():
        return int(char)
    if letter_values and char.isascii() and char.isalpha():
        return int(letter_values[ord(char.upper()) - ord("A")])
    raise ValueError(f"{char!r} cannot be weighed")


def _weighted(serial: str, weights: Sequence[int], from_right: bool, letters: str | None) -> int:
    """The sum of each character's value times its weight, weights cycled."""
    chars = serial[::-1] if from_right else serial
    size = len(weights)
    if chars.isascii() and chars.isdigit():  # each character its digit (`_digit`), quicker
        return sum(int(c) * weights[i % size] for i, c in enumerate(chars))
    return sum(_digit(c, letters) * weights[i % size] for i, c in enumerate(chars))


def mod10(serial: str, params: Params) -> str:
    """Weighted sum mod 10; the check digit brings it to a multiple of ten.

    `weights` cycle from the left (or from the right with `from_right`): UPS uses 1 2,
    USPS and FedEx Ground 3 1 (GS1). `letter_values` weighs letters.
    """
    total = _weighted(
        serial, params["weights"], params.get("from_right", False), params.get("letter_values")
    )
    return str((10 - total % 10) % 10)


def luhn(serial: str, params: Params) -> str:
    """Luhn (ISO/IEC 7812-1): from the right, every second digit doubled, digits summed."""
    total = 0
    for i, char in enumerate(reversed(serial)):
        value = _digit(char, None) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def mod7(serial: str, params: Params) -> str:
    """The serial read as a number, mod 7 (DHL Express air waybills)."""
    if not (serial.isascii() and serial.isdigit()):
        raise ValueError(f"{serial!r} is not all digits")
    return str(int(serial) % 7)


def s10(serial: str, params: Params) -> str:
    """UPU S10: weights 8 6 4 2 3 5 9 7, c = 11 - sum mod 11; 10 gives 0, 11 gives 5."""
    check = 11 - _weighted(serial, params["weights"], False, None) % 11
    return {10: "0", 11: "5"}.get(check, str(check))


def sum_product(serial: str, params: Params) -> str:
    """Weighted sum, reduced by each of `moduli` in turn (FedEx Express: mod 11, then 10)."""
    total = _weighted(serial, params["weights"], False, None)
    for modulus in params["moduli"]:
        total %= modulus
    return str(total)


def mod37_36(serial: str, params: Params) -> str:
    """ISO/IEC 7064 MOD 37,36 (hybrid system over 0-9 and A-Z; DPD parcel numbers)."""
    product = 36
    for char in serial.upper():
        value = _ALPHANUMERIC.find(char)
        if value < 0:
            raise ValueError(f"{char!r} cannot be weighed")
        total = (product + value) % 36 or 36
        product = (total * 2) % 37
    return _ALPHANUMERIC[(37 - product) % 36]


ALGORITHMS: dict[str, Callable[[str, Params], str]] = {
    "mod10": mod10,
    "luhn": luhn,
    "mod7": mod7,
    "s10": s10,
    "sum-product": sum_product,
    "mod37-36": mod37_36,
}
"""Every check `number_formats.toml` may name, with the parameters each one reads."""

NAMES: dict[str, str] = {
    "mod10": "weighted mod 10",
    "luhn": "Luhn mod 10",
    "mod7": "mod 7",
    "s10": "S10 mod 11",
    "sum-product": "weighted mod 11 / mod 10",
    "mod37-36": "ISO 7064 MOD 37,36",
}
"""Each check in words, for messages."""

MODULI: dict[str, int] = {
    "mod10": 10,
    "luhn": 10,
    "mod7": 7,
    "s10": 11,
    "sum-product": 10,
    "mod37-36": 36,
}
"""How many check characters each algorithm can give: what a passed check is worth."""

PARAMETERS: dict[str, tuple[str, ...]] = {
    "mod10": ("weights",),
    "luhn": (),
    "mod7": (),
    "s10": ("weights",),
    "sum-product": ("weights", "moduli"),
    "mod37-36": (),
}
"""The parameters each algorithm requires (others are optional: from_right, letter_values)."""


def expected(algorithm: str, serial: str, params: Params) -> str:
    """The check character `serial` should carry; ValueError if it cannot be computed."""
    return ALGORITHMS[algorithm](serial, params)
