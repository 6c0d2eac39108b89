"""Encrypted copies in the age format (https://age-encryption.org), with a passphrase.

kind uses pyrage, the Python binding of rage (age's Rust implementation), kept by a
maintainer of the Python packaging tools and published as wheels for every platform: a
standard, audited format that `age -d` and `rage -d` can open too, so an encrypted export
never depends on kind to be read. It is an optional extra (`pip install 'kindcli[encrypt]'`)
and imported only here, inside the functions that need it: every other command starts
without it.

pyrage encrypts with a passphrase in memory only, so an encrypted copy is held whole while
it is made or read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kindcli.errors import KindError

if TYPE_CHECKING:
    from types import ModuleType

# Every age file starts with one of these (binary, or ASCII-armored).
AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR_MAGIC = b"-----BEGIN AGE ENCRYPTED FILE-----"
INSTALL = "pip install 'kindcli[encrypt]'"


class MissingLibrary(KindError):
    def __init__(self) -> None:
        super().__init__(
            "Encrypted copies need the pyrage library, which is not installed.",
            f"Install it with: {INSTALL} (or pip install pyrage), then try again.",
        )


class WrongPassphrase(KindError):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} could not be decrypted with that passphrase, so nothing was changed.",
            "Check the passphrase (it is case-sensitive) and try again.",
        )


def is_encrypted(head: bytes) -> bool:
    """Whether a file starting with `head` is an age file."""
    return head.startswith(AGE_MAGIC) or head.lstrip().startswith(ARMOR_MAGIC)


def _passphrase_module() -> ModuleType:
    try:
        import pyrage.passphrase
    except ImportError:
        raise MissingLibrary() from None
    return pyrage.passphrase


def available() -> None:
    """Raise MissingLibrary now, before anything is asked or written, if pyrage is missing."""
    _passphrase_module()


def encrypt(data: bytes, passphrase: str) -> bytes:
    module = _passphrase_module()
    result: bytes = module.encrypt(data, passphrase)
    return result


def decrypt(data: bytes, passphrase: str, what: str) -> bytes:
    """The plaintext of an age file; `what` names it in the error ("The backup x.db.age")."""
    module = _passphrase_module()
    import pyrage

    try:
        result: bytes = module.decrypt(data, passphrase)  # binary or armored alike
    except pyrage.DecryptError as e:
        # rage's words when the passphrase given opens no stanza (a damaged file says
        # "Incomplete header", "decryption error" or "... fill whole buffer").
        if str(e).lower().startswith("decryption fail"):
            raise WrongPassphrase(what) from None
        raise KindError(
            f"{what} is not a whole age file ({e}); nothing was changed.",
            "It may have been cut short while it was copied.",
        ) from None
    return result
