"""Reading what a composed page (home, edition archive) showed, section by section."""


def section_value(response, key):
    """The value `key` had in whichever feature section of the page provided it."""
    sections = response.context["sections"]
    for section in sections["lead"] + sections["main"]:
        if key in section.context:
            return section.context[key]
    raise KeyError(f"No section of the page provides {key!r}")
