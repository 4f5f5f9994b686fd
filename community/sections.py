"""What the community app shows on the home page: the invitation to join the list."""

from knowvember.features import Section


def home_section(campaign, user) -> Section:
    return Section("community/_home_section.html", {}, order=90)
