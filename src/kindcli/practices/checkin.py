"""The optional 0-10 check-in before and after a practice, shared by every practice."""

from __future__ import annotations

from dataclasses import dataclass

from kindcli.ports import Prompter

# The prompter adds the scale ("0 calm to 10 intense; Enter skips"), short enough for
# 80 columns.
BEFORE = "How intense does this feel right now?"
AFTER = "And now, how intense does it feel?"

# When the rating goes up: this can happen when we turn toward pain ("backdraft").
FELT_WORSE = (
    "It can feel stronger for a while when we turn toward something painful. "
    "That is not a sign you did it wrong."
)
GROUNDING = (
    "If it helps, feel the soles of your feet on the floor for a few moments, "
    "and let the ground hold you."
)
MORE_HELP = "If things feel like too much, `kind sos` shows people you can reach right now."


@dataclass(frozen=True)
class CheckIn:
    before: int | None = None
    after: int | None = None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def felt_worse(self) -> bool:
        return self.change is not None and self.change > 0


def ask(prompter: Prompter, message: str, enabled: bool, *, can_stop: bool = False) -> int | None:
    """Ask for a 0-10 rating, or return None when check-ins are off or the person skips.
    With `can_stop`, typing q raises `kindcli.ports.Stopped`."""
    if not enabled:
        return None
    return prompter.rating(message, low=0, high=10, can_stop=can_stop)


def after_words(checkin: CheckIn) -> list[str]:
    """What to say once the after-rating is known: nothing, or care when it went up."""
    if checkin.felt_worse:
        return [FELT_WORSE, GROUNDING, MORE_HELP]
    return []
