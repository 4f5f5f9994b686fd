from knowvember.features import Feature, FeatureAppConfig, NavLink


class CommunityConfig(FeatureAppConfig):
    name = "community"
    feature = Feature(
        order=40,
        urls=("community/", "community.urls"),
        nav=NavLink("Join the community", "community:signup", order=40),
        home="community.sections.home_section",
        dashboard="community.dashboard.dashboard_panel",
        privacy="community.privacy",
        demo="community.demo.load_demo_data",
        admin_todo="community.admin_todo.todo_items",
        sitemaps={"community-digests": "community.sitemaps.DigestSitemap"},
    )
