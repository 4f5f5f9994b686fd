from knowvember.features import Feature, FeatureAppConfig, NavLink


class NewsConfig(FeatureAppConfig):
    """Campaign news: posts organisers write in the admin, scheduled or published at once."""

    name = "news"
    verbose_name = "News"
    feature = Feature(
        order=50,
        urls=("news/", "news.urls"),
        nav=NavLink("News", "news:list", order=50),
        search="news.search.search_source",
        home="news.sections.home_section",
        archive="news.sections.archive_section",
        edition_counts="news.sections.edition_counts",
        demo="news.demo.load_demo_data",
        sitemaps={"news": "news.sitemaps.PostSitemap"},
    )
