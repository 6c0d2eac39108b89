"""Care that must not break: `kind sos`, the gentle check after saving words, the welcome.

Each part fails on its own. A damaged database, a broken settings file or a broken content
file each costs only its own piece (the plan, the chosen region, one file), never the crisis
lines: if even kind's shipped data cannot be read, built-in words point to the emergency
number and https://findahelpline.com.

Public entry points (documented in docs/architecture.md):
  after_saving_text(svc, *texts) -> bool   call right after saving anything a person wrote
  show_sos(svc, region)                    `kind sos`
The first-run welcome is in `kindcli.first_run`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kindcli.practices import care
from kindcli.practices.safety_plan import STATE_KEY, SafetyPlan, plan_lines

if TYPE_CHECKING:
    from kindcli.adapters.terminal import Terminal
    from kindcli.models import RegionResources
    from kindcli.paths import Paths
    from kindcli.services import Services

Say = Callable[[str, str | None], None]

NO_PLAN = (
    "When you feel steadier, `kind plan` helps you write a safety plan: your own list of "
    "what helps and who to reach."
)
PLAN_UNREADABLE = (
    "Your safety plan could not be read just now (`kind data doctor` can check the database)."
)


@dataclass
class CareContent:
    regions: dict[str, RegionResources] = field(default_factory=dict)
    detectors: list[care.Detector] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _collect(entries: Iterable[Any], into: CareContent) -> CareContent:
    from kindcli.models import CrisisLanguage, RegionResources

    for item in entries:
        if isinstance(item, RegionResources):
            into.regions[item.id] = item
        elif isinstance(item, CrisisLanguage):
            into.detectors.append(care.detector_for(item))
    return into


def load_care_content(paths: Paths) -> CareContent:
    """Shipped resources merged with the person's own; if that fails, shipped alone; if even
    that fails, nothing (the caller then falls back to built-in words)."""
    from kindcli.catalog import Catalog

    out = CareContent()
    for user_root in (paths.user_content, None):
        try:
            catalog = Catalog(paths.shipped_content, user_root)
            items = catalog.items("resources")
        except Exception:
            continue
        if catalog.warnings and user_root is not None:
            out.problems.append(USER_CONTENT_PROBLEM)
        return _collect(items, out)
    return out


USER_CONTENT_PROBLEM = (
    "One of your own content files could not be read; `kind content validate` says which."
)
# A file whose top level says it holds patterns or a guide is not needed by `kind sos`.
_NOT_A_REGION = re.compile(r"^kind:\s*['\"]?(?:crisis-language|guide)\b", re.MULTILINE)


def load_regions(paths: Paths) -> CareContent:
    """Only the regions, for `kind sos`: it skips the pattern and guide files (the largest
    ones) without parsing them. The person's own files replace shipped ones by id; a file
    that cannot be read costs only itself."""
    from kindcli.catalog import load_file, yaml_files
    from kindcli.models import RegionResources

    out = CareContent()
    for root, own in ((paths.shipped_content, False), (paths.user_content, True)):
        try:
            files = yaml_files(root / "resources")
        except OSError:
            files = []
        for path in files:
            try:
                if _NOT_A_REGION.search(path.read_text(encoding="utf-8")):
                    continue
                items = load_file(path, "resources")
            except Exception:
                if own and USER_CONTENT_PROBLEM not in out.problems:
                    out.problems.append(USER_CONTENT_PROBLEM)
                continue
            for item in items:
                if isinstance(item, RegionResources):
                    out.regions[item.id] = item
    return out


def _config_region(svc: Services, problems: list[str]) -> str | None:
    try:
        return svc.config.region
    except Exception:
        problems.append("Your settings file has a problem; `kind config show` says what.")
        return None


def read_plan_quietly(paths: Paths) -> tuple[SafetyPlan | None, str | None]:
    """The saved plan, read-only (sos never creates or changes the database)."""
    if not paths.database.exists():
        return None, None
    try:
        from kindcli.storage import open_readonly

        store = open_readonly(paths.database, busy_timeout_ms=2000)
        try:
            value = store.get_state(STATE_KEY)
        finally:
            store.close()
    except Exception:
        return None, PLAN_UNREADABLE
    return SafetyPlan.from_state(value), None


def wrap_width(stream: Any) -> int | None:
    """Where to wrap words for a terminal (at most 100 columns); None when not a terminal."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    import shutil

    return max(20, min(shutil.get_terminal_size((80, 24)).columns, 100) - 1)


def wrap(text: str, width: int | None) -> list[str]:
    """Wrap at word boundaries, keeping a line's indent (and a bullet's hanging indent)."""
    if width is None or len(text) <= width:
        return [text]
    import textwrap

    body = text.lstrip(" ")
    indent = len(text) - len(body) + (2 if body.startswith("- ") else 0)
    return textwrap.wrap(
        text,
        width=width,
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [text]


class WrappingRenderer:
    """The Renderer port over a Terminal, wrapping long lines at word boundaries."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.width = wrap_width(terminal.out)

    def line(self, text: str = "", *, style: str | None = None) -> None:
        for part in wrap(text, self.width):
            self.terminal.line(part, style=style)

    def heading(self, text: str) -> None:
        self.line(text, style="bold")

    def note(self, text: str) -> None:
        self.terminal.note(text)


def _stdout(terminal: Terminal) -> Say:
    renderer = WrappingRenderer(terminal)

    def say(text: str, style: str | None = None) -> None:
        renderer.line(text, style=style)

    return say


def _stderr(terminal: Terminal) -> Say:
    width = wrap_width(terminal.err)

    def say(text: str, style: str | None = None) -> None:
        for part in wrap(text, width):
            terminal.err.write(part + "\n")
        terminal.err.flush()

    return say


def render_support(
    say: Say, block: care.SupportBlock, plan: SafetyPlan | None, plan_note: str | None
) -> None:
    """Emergency number, the region's lines, notes, then the person's own plan."""
    say(block.emergency, "bold")
    say("", None)
    say(block.region_title, "bold")
    for line in block.lines:
        say(line.text, line.style)
    for note in block.notes:
        say(note, "dim")
    say("", None)
    if plan is not None and not plan.is_empty:
        say("Your safety plan", "bold")
        for text, style in plan_lines(plan):
            say(text, style)
    else:
        say(plan_note or NO_PLAN, "dim")


def _grounding(svc: Services, prompter: Any) -> None:
    say = _stdout(svc.terminal)
    say("", None)
    care.offer_grounding(prompter, svc.clock, lambda text: say(text, None))


# ---- kind sos -------------------------------------------------------------------------------


def show_sos(
    svc: Services, region_option: str | None, environ: Mapping[str, str] | None = None
) -> None:
    env = os.environ if environ is None else environ
    content = load_regions(svc.paths)
    problems = list(content.problems)
    config_region = None if region_option else _config_region(svc, problems)
    choice = care.choose_region(region_option, config_region, env)
    block = care.support_block(choice, content.regions)
    plan, plan_note = read_plan_quietly(svc.paths)
    say = _stdout(svc.terminal)
    render_support(say, block, plan, plan_note)
    for problem in problems:
        svc.terminal.note(problem)
    if svc.interactive:
        _grounding(svc, svc.line_prompter)


def sos_data(svc: Services, region_option: str | None) -> dict[str, Any]:
    """What sos shows, as data for scripts (`kind sos --json`). No plan: that stays on screen."""
    content = load_regions(svc.paths)
    problems = list(content.problems)
    config_region = None if region_option else _config_region(svc, problems)
    choice = care.choose_region(region_option, config_region, os.environ)
    region = care.find_region(choice.code, content.regions) or content.regions.get(
        care.INTERNATIONAL
    )
    return {
        "asked_for": choice.code,
        "from": choice.source,
        "region": region.model_dump(mode="json", exclude={"kind"}) if region else None,
        "fallback": None if region else [care.FALLBACK_EMERGENCY, care.FALLBACK_LINE],
    }


def region_rows(svc: Services) -> list[tuple[str, str, str]]:
    content = load_regions(svc.paths)
    rows = []
    for region in content.regions.values():
        code = region.id.upper() if region.id != care.INTERNATIONAL else "(any other)"
        also = f" (also {', '.join(a.upper() for a in region.aliases)})" if region.aliases else ""
        emergency = region.emergency.number if region.emergency else "your local number"
        rows.append((code, region.name + also, emergency))
    rows.sort(key=lambda r: (r[0].startswith("("), r[0]))
    return rows


# ---- after saving words -----------------------------------------------------------------------


def after_saving_text(svc: Services, *texts: str) -> bool:
    """Call this right after saving anything a person wrote (a journal entry and its answers,
    a break note). When the words suggest the person may be in danger, show, gently:
    "It sounds like things might be really hard right now. Are you safe?", their region's
    lines and their own safety plan, then (on a terminal) offer a minute of grounding.
    Without a terminal (stdin or stdout not a TTY) the block goes to stderr and nothing waits.

    Never raises for its own problems, never blocks, never sends anything. Ctrl-C during the
    grounding minute raises KeyboardInterrupt (what was written is already saved).
    Returns True when the support block was shown.
    """
    try:
        detectors = _detectors(svc)
        match = care.find_crisis_language(texts, detectors)
    except Exception:
        return False
    if match is None:
        return False
    say = _stdout(svc.terminal) if svc.interactive else _stderr(svc.terminal)
    problems: list[str] = []
    try:
        content = load_regions(svc.paths)
        choice = care.choose_region(None, _config_region(svc, problems), os.environ)
        block = care.support_block(choice, content.regions)
    except Exception:
        block = care.support_block(care.RegionChoice(None, "none"), {})
    try:
        plan: SafetyPlan | None = SafetyPlan.from_state(svc.store.get_state(STATE_KEY))
        plan_note = None
    except Exception:
        plan, plan_note = None, PLAN_UNREADABLE
    say("", None)
    say(care.ARE_YOU_SAFE, "bold")
    say(care.SAVED_ANYWAY, "dim")
    say("", None)
    render_support(say, block, plan, plan_note)
    if svc.interactive:
        _grounding(svc, svc.prompter)
    return True


def _detectors(svc: Services) -> Sequence[care.Detector]:
    from kindcli.models import CrisisLanguage

    try:
        items = svc.catalog.items("resources")
    except Exception:
        return load_care_content(svc.paths).detectors
    return [care.detector_for(i) for i in items if isinstance(i, CrisisLanguage)]
