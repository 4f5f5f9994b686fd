from knowvember.features import Feature, FeatureAppConfig, NavLink


class ShowcasesConfig(FeatureAppConfig):
    name = "showcases"
    feature = Feature(
        order=30,
        urls=("showcases/", "showcases.urls"),
        nav=NavLink("Showcases", "showcases:list", order=30),
        search="showcases.search.search_source",
        home="showcases.sections.home_section",
        archive="showcases.sections.archive_section",
        edition_counts="showcases.sections.edition_counts",
        demo="showcases.demo.load_demo_data",
        sitemaps={"showcases": "showcases.sitemaps.ShowcaseSitemap"},
    )
