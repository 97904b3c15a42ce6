"""Rule 57: the tambahan penghasilan of a ketua or pengendali (Banten Ps 10(4): a Pelaksana ketua
"dapat diberikan"; Surakarta Ps 21(3), 25(2): always). Set on the membership when the post is filled
(handlers.teams.membership.add_member), shown on the team card and in the assignment letter."""
from __future__ import annotations

from enum import Enum

from domain.eligibility import Post
from domain.org import Employee, JabatanKind
from domain.profiles.model import AllowanceRule, Profile


class Allowance(str, Enum):
    NONE = "none"
    OPTIONAL = "optional"  # may be granted (Banten Ps 10(4) "dapat")
    AUTOMATIC = "automatic"  # always granted (Surakarta Ps 21(3), 25(2))


def allowance_for(profile: Profile, holder: Employee, post: Post) -> Allowance:
    """Whether the tambahan penghasilan flag is set, offered, or absent."""
    section = profile.teams.ketua if Post(post) is Post.KETUA else profile.pengendali
    rule = section.allowance if section else AllowanceRule.NONE
    if rule is AllowanceRule.ALWAYS:
        return Allowance.AUTOMATIC
    if rule is AllowanceRule.PELAKSANA_KETUA_OPTIONAL and holder.jabatan_kind is JabatanKind.PELAKSANA:
        return Allowance.OPTIONAL
    return Allowance.NONE
