"""The first-run welcome and `kind about`: what kind is and is not, in our own words."""

from __future__ import annotations

from pathlib import Path

WELCOME_TITLE = "Welcome to kind."


def welcome_lines(data_dir: Path) -> list[str]:
    return [
        "kind offers short self-compassion practices in your terminal: guided breaks, "
        "paced breathing, meditations and kind journaling.",
        "It is a self-help practice tool. It is not therapy, not a crisis service and not a "
        "medical device.",
        f"Nothing leaves this machine. Your practice and writing stay in {data_dir}.",
        "Turning toward hard feelings can stir up old ones. That is common, and stopping is "
        "always fine.",
        "If you ever need someone right now, `kind sos` shows people you can reach, any time.",
    ]


RESEARCH_TITLE = "What the research says"
RESEARCH = (
    "Structured self-compassion programs show moderate benefits compared with doing "
    "nothing: a 2019 meta-analysis of 27 randomized trials found effects on self-compassion "
    "(g 0.75), depression (0.66), anxiety (0.57) and stress (0.67).",
    "Compared with other active programs the advantage is less clear, and brief practices "
    "seem to help mostly people who practice regularly.",
    "kind is one small way to practice. For more than self-help, behavioral health services "
    "(CBT, MBCT, compassion-focused therapy, Mindful Self-Compassion courses, support groups) "
    "are the place to go: `kind resources` explains them.",
)

CREDITS = (
    "The practices are inspired by the work of Kristin Neff and Christopher Germer (Mindful "
    "Self-Compassion) and Paul Gilbert (Compassion-Focused Therapy); the words are kind's own.",
)
