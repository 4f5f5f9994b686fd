"""What the toolkit shows on an edition's page: a pointer to the edition's branding."""

from knowvember.features import Section


def archive_section(campaign, user) -> Section:
    return Section(
        "toolkit/_archive_section.html",
        {"campaign": campaign},
        order=90,
        title="Toolkit",
        anchor="toolkit",
    )
