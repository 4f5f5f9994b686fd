from knowvember.features import Feature, FeatureAppConfig, NavLink


class ToolkitConfig(FeatureAppConfig):
    """The campaign toolkit: logo, colours, social-media cards and printables, per edition."""

    name = "toolkit"
    verbose_name = "Toolkit"
    feature = Feature(
        order=60,
        urls=("toolkit/", "toolkit.urls"),
        nav=NavLink("Toolkit", "toolkit:index", order=60),
        archive="toolkit.sections.archive_section",
        demo="toolkit.demo.load_demo_data",
        sitemaps={"toolkit": "toolkit.sitemaps.ToolkitSitemap"},
    )
